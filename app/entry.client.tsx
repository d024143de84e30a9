import { RemixBrowser } from "@remix-run/react";
import { startTransition } from "react";
import { hydrateRoot } from "react-dom/client";

// Only pages whose route asks for it (handle.hydrate) load this; respondent pages never do.
startTransition(() => {
  hydrateRoot(document, <RemixBrowser />);
});
