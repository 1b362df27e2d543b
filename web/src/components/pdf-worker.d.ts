/** Vite's `?url` import: the address of the bundled pdf.js worker. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
