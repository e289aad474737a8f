import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The folder-cycle rule as `nx lint` runs it (the folder-cycles target), on
// small apps under fixtures/: one whose folders import each other, one whose
// nested folders do, and one whose arrows all run one way.
const ROOT = join(__dirname, '..', '..');
const depcruise = join(ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(app: string): { status: number | null; output: string } {
  const result = spawnSync(depcruise, ['--config', 'tools/lint/folder-cycles.cjs', `tools/lint/fixtures/apps/${app}/src`], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the folder-cycle rule', () => {
  it('fails on two top-level folders of an app that import each other, naming them', () => {
    const { status, output } = cruise('cyclic');
    expect(status).not.toBe(0);
    expect(output).toMatch(/no-folder-cycle: tools\/lint\/fixtures\/apps\/cyclic\/src\/triage →\s+tools\/lint\/fixtures\/apps\/cyclic\/src\/case →/);
    // a folder importing its own sub-folder is no circle
    expect(output).not.toContain('src/metrics');
  });

  it('fails on sibling folders deeper inside an app', () => {
    const { status, output } = cruise('nested');
    expect(status).not.toBe(0);
    expect(output).toContain('apps/nested/src/case/procedure');
    expect(output).toContain('apps/nested/src/case/deadlines');
  });

  it('passes an app whose arrows run one way (main → triage → case → dispatch, and up to the root for its env)', () => {
    const { status, output } = cruise('one-way');
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });
});
