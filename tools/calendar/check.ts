// npm run calendar:check -- <folder>
// Checks the holiday notices in <folder> (cn-<year>.json) the way a service
// checks CALENDAR_DIR at start-up, together with the years the release ships.
import { calendarDirProblem, calendarYearFiles, parseYearFile } from '@pipeline/calendar';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('用法：npm run calendar:check -- <年度文件目录>\n');
  process.exit(2);
}
const problem = calendarDirProblem(dir);
if (problem) {
  process.stderr.write(`[日历] 不能载入：\n${problem}\n`);
  process.exit(2);
}
for (const raw of calendarYearFiles(dir)) {
  const f = parseYearFile(raw);
  const count = (kind: string) => f.entries.filter((e) => e.kind === kind).length;
  process.stdout.write(`[日历] ${f.year} 年（${f.version}）：放假 ${count('holiday')} 天，调休上班 ${count('workday')} 天 —— ${f.source}\n`);
}
