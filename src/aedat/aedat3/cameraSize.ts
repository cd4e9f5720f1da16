import type { SensorSize } from '../../events/EventBatch.js';

/**
 * Sensor sizes by camera name, as cAER / DV write it in `#Source N: <name>` lines (e.g. `DVS128`,
 * `DAVIS240C`, `DAVIS346B`, `DVXplorer`). Matched case-insensitively anywhere in the name, in
 * order (DVXplorer Lite before DVXplorer).
 */
const TABLE: readonly (readonly [RegExp, SensorSize])[] = [
  [/dvs\s*-?128|edvs/i, { width: 128, height: 128 }],
  [/davis\s*-?128/i, { width: 128, height: 128 }],
  [/davis\s*-?208/i, { width: 208, height: 192 }],
  [/davis\s*-?240/i, { width: 240, height: 180 }],
  [/davis\s*-?346/i, { width: 346, height: 260 }],
  [/davis\s*-?(rgbw?\s*)?640/i, { width: 640, height: 480 }],
  [/dvxplorer\s*-?lite|dvxlite/i, { width: 320, height: 240 }],
  [/dvxplorer|dvxp/i, { width: 640, height: 480 }],
];

/**
 * The sensor size implied by a camera / source name: DVS128 and eDVS 128×128, DAVIS128 128×128,
 * DAVIS208 208×192, DAVIS240* 240×180, DAVIS346* 346×260, DAVIS640 / DAVIS RGB(W)640 640×480,
 * DVXplorer Lite 320×240, DVXplorer (and Mini) 640×480; null for anything else.
 */
export function cameraSize(name: string): SensorSize | null {
  for (const [re, size] of TABLE) {
    if (re.test(name)) return size;
  }
  return null;
}
