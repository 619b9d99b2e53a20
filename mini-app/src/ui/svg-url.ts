/** An SVG document as an `<img src>`: a data URL, so it shows offline and needs no request. */
export const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
