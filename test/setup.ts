// Every test file starts with every interface language's catalogue loaded, as the server does at start.
import { loadCatalogues } from "../i18n/index.ts";

await loadCatalogues();
