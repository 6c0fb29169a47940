// A static export, served like the other apps; the page is prerendered on Node at build.
export default { output: 'export' };
