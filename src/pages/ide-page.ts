/**
 * The HTML page of the in-browser IDE. It loads only Entente's own files, and its
 * Content-Security-Policy allows nothing else: no inline script (the boot script is a
 * file; its options travel in a JSON block, which is data and never runs), no CDN.
 */
import type { ExampleTab } from './example-tabs';
import type { IdeAssets } from './ide-assets';

/**
 * The page's policy. `data:` fonts and images are GraphiQL's own, inlined in its
 * stylesheet; everything else is 'self'. Styles React sets through the DOM need no
 * 'unsafe-inline'.
 */
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the boot script reads from the page. */
export interface IdeConfig {
  /** Where GraphiQL POSTs operations (the page's own origin). */
  endpoint: string;
  title: string;
  tabs: ExampleTab[];
  /** The editor's text when there are no example tabs. */
  defaultQuery: string;
}

/** Renders the IDE page for `assets`, preloading `tabs`. */
export function renderIdePage(assets: IdeAssets, tabs: ExampleTab[]): string {
  const config: IdeConfig = {
    endpoint: '/graphql',
    title: 'Entente',
    tabs,
    defaultQuery: '# Write a query here; the Docs panel on the left lists every type and field.\n{\n  __typename\n}\n',
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entente GraphQL IDE</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.graphiqlStyles.urlPath}">
<link rel="stylesheet" href="${assets.styles.urlPath}">
</head>
<body>
<div id="graphiql"><noscript>The Entente IDE (GraphiQL) needs JavaScript. Without it, POST queries to /graphql.</noscript></div>
<script type="application/json" id="entente-ide-config">${jsonForHtml(config)}</script>
<script src="${assets.react.urlPath}"></script>
<script src="${assets.reactDom.urlPath}"></script>
<script src="${assets.graphiql.urlPath}"></script>
<script src="${assets.boot.urlPath}"></script>
</body>
</html>
`;
}

/** JSON that cannot close its <script> element or open a comment, whatever the strings hold. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
