/**
 * The demo's running game: a blocky landscape with drifting clouds and a hopping player,
 * drawn on a canvas every frame. It is there to show playgate over a live scene, as an
 * in-game overlay would be. It stands still when the player prefers reduced motion, and
 * requestAnimationFrame pauses it while the page is hidden.
 */
export class Scene {
  private frame = 0;
  private readonly still = matchMedia('(prefers-reduced-motion: reduce)');

  constructor(private readonly canvas: HTMLCanvasElement) {}

  start(): void {
    if (this.frame) return;
    const loop = (time: number) => {
      this.draw(this.still.matches ? 0 : time);
      this.frame = requestAnimationFrame(loop);
    };
    this.frame = requestAnimationFrame(loop);
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private draw(time: number): void {
    const { canvas } = this;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    const ratio = Math.min(devicePixelRatio, 2);
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const block = Math.max(16, Math.round(height / 18));

    const sky = ctx.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, '#3a7bd5');
    sky.addColorStop(1, '#9fd3ff');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, width, height);

    // Sun and clouds.
    ctx.fillStyle = '#ffe28a';
    ctx.fillRect(width * 0.78, height * 0.1, block * 2.5, block * 2.5);
    ctx.fillStyle = 'rgba(255,255,255,0.9)';
    for (let i = 0; i < 4; i++) {
      const x = ((time / 60 + i * width * 0.33) % (width + block * 8)) - block * 6;
      const y = height * (0.12 + 0.08 * (i % 3));
      ctx.fillRect(x, y, block * 5, block);
      ctx.fillRect(x + block, y - block * 0.6, block * 3, block * 0.8);
    }

    // Hills of grass and dirt, one column per block.
    const ground = height * 0.68;
    for (let x = 0, column = 0; x < width; x += block, column++) {
      const rise = Math.round(Math.sin(column * 0.45) * 1.6 + Math.sin(column * 0.13) * 2);
      const top = ground - rise * block;
      ctx.fillStyle = '#5fb346';
      ctx.fillRect(x, top, block, block);
      ctx.fillStyle = '#8a5a35';
      ctx.fillRect(x, top + block, block, height - top);
      ctx.fillStyle = 'rgba(0,0,0,0.08)';
      ctx.fillRect(x + block - 2, top, 2, height - top);
    }

    // A tree and the player, hopping.
    const treeX = Math.round(width * 0.22 / block) * block;
    ctx.fillStyle = '#6b4423';
    ctx.fillRect(treeX, ground - block * 4, block, block * 3);
    ctx.fillStyle = '#2f8f3a';
    ctx.fillRect(treeX - block, ground - block * 6, block * 3, block * 2);
    const hop = Math.abs(Math.sin(time / 350)) * block * 0.8;
    const px = width * 0.5;
    ctx.fillStyle = '#f4c27a';
    ctx.fillRect(px, ground - block * 2.6 - hop, block * 0.8, block * 0.8);
    ctx.fillStyle = '#3155c7';
    ctx.fillRect(px, ground - block * 1.8 - hop, block * 0.8, block * 1.2);
  }
}
