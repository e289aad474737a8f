// npm run calendar:check -- <folder>
// Checks the holiday notices in <folder> (cn-<year>.json) the way a service
// checks CALENDAR_DIR at start-up: laid over the chinese-days package's years.
import { CalendarDataError, loadChinaCalendar } from '@pipeline/calendar';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('用法：npm run calendar:check -- <年度文件目录>\n');
  process.exit(2);
}
let calendar: ReturnType<typeof loadChinaCalendar>;
try {
  calendar = loadChinaCalendar(dir);
} catch (err) {
  if (!(err instanceof CalendarDataError)) throw err;
  process.stderr.write(`[日历] 不能载入，共 ${err.problems.length} 个问题：\n${err.problems.map((p) => `- ${p}\n`).join('')}`);
  process.exit(2);
}
const origins = new Map(calendar.yearInfo().map((y) => [y.year, y.origin]));
for (const f of calendar.yearFiles()) {
  const count = (kind: string) => f.entries.filter((e) => e.kind === kind).length;
  const origin = origins.get(f.year);
  const from = origin?.kind === 'file' ? `文件 ${origin.path}` : `npm 包 ${origin?.name} ${origin?.version}`;
  process.stdout.write(`[日历] ${f.year} 年（${f.version}，来自${from}）：放假 ${count('holiday')} 天，调休上班 ${count('workday')} 天 —— ${f.source}\n`);
}
