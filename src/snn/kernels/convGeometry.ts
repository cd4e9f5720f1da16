import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../errors.js';
import type { ConvGeometry } from './js/convMath.js';

/** Padding accepted by the event-driven conv kernels: tfjs's, at stride 1. */
export type ConvPad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/**
 * The geometry of a stride-1, dilation-1, NHWC conv2d of `x` by `filter` (tfjs's padding rules,
 * `same` puts the extra row/column of an even kernel at the bottom/right).
 * @throws ConfigError if a shape is not rank 4 or the channel counts differ.
 * @example convGeometry([8, 34, 34, 2], [3, 3, 2, 16], 'same') // { Ho: 34, pt: 1, … }
 */
export function convGeometry(xShape: readonly number[], filterShape: readonly number[], pad: ConvPad): ConvGeometry {
  const [N, H, W, Cin] = xShape;
  const [KH, KW, Cf, Cout] = filterShape;
  if (xShape.length !== 4 || filterShape.length !== 4 || N === undefined || H === undefined || W === undefined ||
      Cin === undefined || KH === undefined || KW === undefined || Cf === undefined || Cout === undefined) {
    throw new ConfigError(`conv2d: x must be [N,H,W,Cin] and filter [KH,KW,Cin,Cout], got [${xShape.join(', ')}] and [${filterShape.join(', ')}]`);
  }
  if (Cf !== Cin) throw new ConfigError(`conv2d: filter has ${Cf} input channels, x has ${Cin}`);
  const info = tf.backend_util.computeConv2DInfo([N, H, W, Cin], [KH, KW, Cin, Cout], 1, 1, pad);
  return { N, H, W, Cin, KH, KW, Cout, Ho: info.outHeight, Wo: info.outWidth, pt: info.padInfo.top, pl: info.padInfo.left };
}
