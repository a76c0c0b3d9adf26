// Renders the API reference from the document the server serves (no inline script: CSP).
/* global Redoc */
Redoc.init('/api/v1/openapi.json', {
  hideDownloadButton: false,
  expandResponses: '200,201',
  jsonSampleExpandLevel: 2,
  // The page's CSP allows no third-party fonts.
  theme: { typography: { fontFamily: 'system-ui, sans-serif', headings: { fontFamily: 'system-ui, sans-serif' } } },
}, document.getElementById('redoc'));
