export { auditJson } from './auditJson.js';
export { auditHtml } from './html/auditHtml.js';
export { svgLineChart, type Series, type LineChartOptions } from './html/svgLineChart.js';
export { svgHistogram } from './html/svgHistogram.js';
export { svgFrame } from './html/svgFrame.js';
export { writeAuditReport } from './writeAuditReport.js';
export { ReportError } from './ReportError.js';
