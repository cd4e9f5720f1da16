import type { SensorSize } from '../../events/EventBatch.js';

const VGA: SensorSize = { width: 640, height: 480 };
const HD: SensorSize = { width: 1280, height: 720 };
const GENX320: SensorSize = { width: 320, height: 320 };

/**
 * Sensor size by camera model, for old RAW headers without `% geometry` / `% format`.
 *
 * | header says (case-insensitive)                                   | size      |
 * |------------------------------------------------------------------|-----------|
 * | `plugin_name` containing `genx320` or `imx8`                     | 320×320   |
 * | `plugin_name` containing `gen41`, `gen4`, `imx636`, `evk4`        | 1280×720  |
 * | `plugin_name` containing `gen31`, `gen3`                          | 640×480   |
 * | `system_ID` (decimal or 0x hex) of a Gen3/Gen3.1 system (OpenEB `SystemId`) | 640×480 |
 * | `system_ID` of a Gen4/Gen4.1/IMX636/IMX637 system                 | 1280×720  |
 * | `system_ID` 0x3B / 0x40 (GenX320 EVK3)                            | 320×320   |
 * | `generation` / `sensor_generation` 3.x → 640×480, 4.x → 1280×720, 320.x → 320×320 | |
 *
 * Sources: OpenEB `hal/cpp/include/metavision/hal/utils/device_system_id.h` (`SystemId`,
 * `systemid2version`) and its RAW-header plugin tables (e.g. `hal_plugin_gen41_evk3` → 1280×720).
 */
const PLUGIN_PATTERNS: readonly (readonly [RegExp, SensorSize])[] = [
  [/genx320|imx8/, GENX320],
  [/gen4|imx636|imx637|evk4/, HD], // gen41 contains gen4
  [/gen3/, VGA], // gen31 contains gen3
];

/** OpenEB `SystemId` values (decimal) by sensor size. */
const SYSTEM_IDS: readonly (readonly [readonly number[], SensorSize])[] = [
  // CCAM3_GEN3 0x15, CCAM4_GEN3 0x17, _REV_B 0x19, _EVK_BRIDGE 0x1D, VISIONCAM_GEN3 0x21,
  // VISIONCAM_GEN31 0x22, CCAM3_GEN31 0x1C, CCAM5_GEN31 0x23, EVK2_GEN31 0x29, EVK3_GEN31_EVT3 0x28
  [[0x15, 0x17, 0x19, 0x1d, 0x21, 0x22, 0x1c, 0x23, 0x29, 0x28], VGA],
  // CCAM3_GEN4 0x1A, CCAM5_GEN4 0x1E, _EVK_BRIDGE 0x20, EVK2_GEN4 0x1F, EVK2_GEN41 0x27,
  // EVK3_GEN41 0x30, EVK3_IMX636 0x31, EVK2_IMX636 0x32, EVK3_IMX637 0x34, RDK2_IMX636 0x3A
  [[0x1a, 0x1e, 0x20, 0x1f, 0x27, 0x30, 0x31, 0x32, 0x34, 0x3a], HD],
  [[0x3b, 0x40], GENX320],
];

/**
 * The sensor size implied by the camera model in a RAW header, or null when unknown.
 * @param get looks a header keyword up case-insensitively (undefined when absent).
 */
export function cameraGeometry(get: (key: string) => string | undefined): SensorSize | null {
  const plugin = get('plugin_name')?.toLowerCase();
  if (plugin !== undefined) {
    for (const [re, size] of PLUGIN_PATTERNS) if (re.test(plugin)) return size;
  }
  const id = get('system_id');
  if (id !== undefined && /^(\d+|0x[0-9a-f]+)$/i.test(id.trim())) {
    const n = Number(id.trim());
    for (const [ids, size] of SYSTEM_IDS) if (ids.includes(n)) return size;
  }
  const gen = get('sensor_generation') ?? get('generation');
  const major = gen === undefined ? NaN : Number.parseInt(gen.trim(), 10);
  if (major === 3) return VGA;
  if (major === 4) return HD;
  if (major === 320) return GENX320;
  return null;
}
