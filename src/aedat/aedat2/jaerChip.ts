import type { SensorSize } from '../../events/EventBatch.js';

/** AEDAT 2.0 address layouts: jAER's DVS128 (16-bit) and DAVIS (32-bit) event extractors. */
export type Aedat2Chip = 'dvs128' | 'davis';

/** What a jAER `# AEChip:` class says about the data. */
interface JaerChip {
  readonly layout: Aedat2Chip;
  /** Null for a DAVIS-family class whose size is not in the table. */
  readonly sensor: SensorSize | null;
}

const DVS128_SIZE: SensorSize = { width: 128, height: 128 };

/**
 * Chip classes by their simple name (the part after the last `.`), matched case-insensitively,
 * first match wins. Sizes from the classes' `setSizeX/setSizeY` in SensorsINI/jaer
 * (`src/eu/seebetter/ini/chips/davis/*.java`, `ch/unizh/ini/jaer/chip/retina/DVS128.java`).
 */
const TABLE: readonly (readonly [RegExp, JaerChip])[] = [
  // DVS128, DVS128_PAER, DVS128Phase, …, and the older Tmpdiff128 retina: 16-bit DVS128 addresses.
  [/^(dvs128|tmpdiff128)/i, { layout: 'dvs128', sensor: DVS128_SIZE }],
  [/^davis128/i, { layout: 'davis', sensor: { width: 128, height: 128 } }],
  [/^davis208/i, { layout: 'davis', sensor: { width: 208, height: 192 } }],
  // DAVIS240A/B/C, DVS240, Davis240* variants.
  [/^(davis|dvs)240/i, { layout: 'davis', sensor: { width: 240, height: 180 } }],
  // Davis346A/B/C/red/blue/mini/cBSI/Zynq/…Color.
  [/^davis346/i, { layout: 'davis', sensor: { width: 346, height: 260 } }],
  // Davis640, Davis640Color, DavisRGB640, DavisRGBW640.
  [/^(davis640|davisrgbw?640)/i, { layout: 'davis', sensor: { width: 640, height: 480 } }],
];

/** jAER's DAVIS package: any other class there uses the DAVIS address layout. */
const DAVIS_PACKAGE = /^eu\.seebetter\.ini\.chips\.davis\./;

/**
 * The address layout and sensor size of a jAER chip class (e.g.
 * `eu.seebetter.ini.chips.davis.DAVIS240C` → DAVIS layout, 240×180), or null when unknown.
 */
export function jaerChip(chipClass: string): JaerChip | null {
  const name = chipClass.trim();
  const simple = name.slice(name.lastIndexOf('.') + 1);
  for (const [re, chip] of TABLE) {
    if (re.test(simple)) return chip;
  }
  if (DAVIS_PACKAGE.test(name)) return { layout: 'davis', sensor: null };
  return null;
}

/** The sensor size a layout implies when nothing else says it (DVS128 addresses are 7-bit). */
export function defaultSensor(layout: Aedat2Chip): SensorSize | null {
  return layout === 'dvs128' ? DVS128_SIZE : null;
}
