import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { loadCatalogues } from "../i18n/index.ts";

// The page's interface language (set by app/root.tsx): its catalogue only, a chunk of its own, before
// hydration, so that the hydrated page says exactly what the server rendered.
await loadCatalogues([document.documentElement.dataset.ui ?? "en"]);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
  );
});
