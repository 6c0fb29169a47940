/**
 * jsQR, an independent decoder (not the encoder the widget uses), loaded as the classic
 * script it ships as: its UMD build sets `window.jsQR`.
 */
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

let loading: Promise<Decode> | undefined;

export function qrDecoder(): Promise<Decode> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/jsqr/dist/jsQR.js';
    script.onload = () => {
      resolve((window as unknown as { jsQR: Decode }).jsQR);
    };
    script.onerror = () => {
      reject(new Error('jsQR did not load'));
    };
    document.head.append(script);
  });
  return loading;
}

/** Draws an SVG on a canvas, as a phone camera would see the screen, and decodes it. */
export async function decodeSvg(svg: SVGSVGElement, size = 300): Promise<string | undefined> {
  const markup = new XMLSerializer().serializeToString(svg);
  const image = new Image(size, size);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(image, 0, 0, size, size);
  const pixels = context.getImageData(0, 0, size, size);
  const decode = await qrDecoder();
  return decode(pixels.data, size, size)?.data;
}
