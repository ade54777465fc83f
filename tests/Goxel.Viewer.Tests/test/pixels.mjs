// Reading colours out of screenshots.
import { decodePng } from '../../Goxel.Mcp.Tests/test/png.mjs';

/** The PNG's pixels that <matches> ([r, g, b]) accepts: how many and their mean position (0..1). */
export function find(png, matches) {
  const { width, height, rgba } = decodePng(png);
  const channels = rgba.length / (width * height);
  let count = 0, sx = 0, sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      if (matches([rgba[at], rgba[at + 1], rgba[at + 2]])) { count++; sx += x; sy += y; }
    }
  }
  return { count, share: count / (width * height), x: count ? sx / count / width : NaN, y: count ? sy / count / height : NaN };
}

/** Mostly one primary: the channel <channel> (0 red, 1 green, 2 blue) high, the others low. */
export const primary = (channel) => (rgb) => rgb[channel] > 110 && rgb.every((v, i) => i === channel || v < 60);
