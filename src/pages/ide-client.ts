/**
 * The two small files of our own that the IDE page loads: the boot script that renders
 * GraphiQL (an external file, so the page's CSP needs no inline script) and its styles.
 * Plain browser JavaScript for the UMD globals React, ReactDOM and GraphiQL.
 */

/** Renders GraphiQL into #graphiql with the options of the page's JSON config block. */
export const IDE_BOOT_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('entente-ide-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint, enableIncrementalDelivery: false });
  var props = {
    fetcher: fetcher,
    defaultTabs: config.tabs.length > 0 ? config.tabs : undefined,
    defaultQuery: config.defaultQuery,
    // The headers editor starts open: it is where a bearer token for writes goes.
    defaultEditorToolsVisibility: 'headers',
    // Tokens stay out of localStorage unless the user opts in (settings dialog).
    shouldPersistHeaders: false,
    // No visiblePlugin: GraphiQL 4.1 marks the docs open but keeps their pane hidden.
  };
  var logo = React.createElement(GraphiQL.Logo, null, config.title);
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props, logo));
})();
`;

/** GraphiQL fills its container; the container fills the window. */
export const IDE_STYLES = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; height: 100dvh; }
`;
