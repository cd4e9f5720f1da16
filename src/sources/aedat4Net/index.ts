/** Live AEDAT 4.0 network streams (DV / dv-processing TCP output) as RxJS sources. */
export { aedat4TcpSource } from './aedat4TcpSource.js';
export type { Aedat4TcpMetrics, Aedat4TcpOptions } from './Aedat4TcpOptions.js';
