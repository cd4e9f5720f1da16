/** What the writer declares about its one event stream. */
interface InfoNodeStream {
  readonly width: number;
  readonly height: number;
  readonly source: string;
  /** IOHeader compression name (NONE, LZ4, ZSTD). */
  readonly compression: string;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}

/**
 * The infoNode XML DV writes for a recording of one event stream, id 0 (structure as in both
 * real AEDAT4 samples): `/outInfo/0/` with typeIdentifier EVTS and `info/` sizeX, sizeY, source.
 */
export function infoNodeXml(s: InfoNodeStream): string {
  const attr = (key: string, type: string, value: string | number) =>
    `<attr key="${key}" type="${type}">${escapeXml(String(value))}</attr>`;
  const base = '/mainloop/Recorder/outInfo/';
  return [
    '<dv version="2.0">',
    `    <node name="outInfo" path="${base}">`,
    `        <node name="0" path="${base}0/">`,
    `            ${attr('compression', 'string', s.compression)}`,
    `            ${attr('originalModuleName', 'string', 'spikeguard')}`,
    `            ${attr('originalOutputName', 'string', 'events')}`,
    `            ${attr('typeDescription', 'string', 'Array of events (polarity ON/OFF).')}`,
    `            ${attr('typeIdentifier', 'string', 'EVTS')}`,
    `            <node name="info" path="${base}0/info/">`,
    `                ${attr('sizeX', 'int', s.width)}`,
    `                ${attr('sizeY', 'int', s.height)}`,
    `                ${attr('source', 'string', s.source)}`,
    `                ${attr('tsOffset', 'long', 0)}`,
    '            </node>',
    '        </node>',
    '    </node>',
    '</dv>',
    '',
  ].join('\n');
}
