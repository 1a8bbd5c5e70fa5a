import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { loadCatalogues } from "../i18n/index.ts";

// The page's interface language (set by app/root.tsx): its catalogue only, a chunk of its own, before
// hydration, so that the hydrated page says exactly what the server rendered.
await loadCatalogues([document.documentElement.dataset.ui ?? "en"]);

// A file over its limit (`data-max-bytes`, app/ui/form.tsx fileLimit) is refused here, before it is sent,
// with the page's message; choosing another file clears it.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) return;
  const max = Number(input.dataset.maxBytes);
  const tooLarge = [...(input.files ?? [])].some((file) => file.size > max);
  input.setCustomValidity(tooLarge ? (input.dataset.tooLarge ?? "") : "");
  if (tooLarge) input.reportValidity();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
  );
});
