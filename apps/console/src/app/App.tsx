import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS, type Role } from '@pipeline/domain-terms';
import { UNAUTHORISED_EVENT } from '../api/client';
import { LoginPage } from '../auth/LoginPage';
import { SessionContext } from '../auth/SessionContext';
import { loadSession, saveSession, type Session } from '../api/session';
import { AuditPage } from '../features/admin/AuditPage';
import { HolidaysPage } from '../features/admin/HolidaysPage';
import { RuleSetsPage } from '../features/admin/RuleSetsPage';
import { SchemesPage } from '../features/admin/SchemesPage';
import { UsersPage } from '../features/admin/UsersPage';
import { CandidatesPage } from '../features/dispatcher/CandidatesPage';
import { OverduePage } from '../features/dispatcher/OverduePage';
import { SquadsPage } from '../features/dispatcher/SquadsPage';
import { CommunityRecordPage } from '../features/evaluation/CommunityRecordPage';
import { RankingPage } from '../features/evaluation/RankingPage';
import { SubmissionPage } from '../features/evaluation/SubmissionPage';
import { MapPage } from '../features/leadership/MapPage';
import { MetricsPage } from '../features/leadership/MetricsPage';
import { CasePage } from '../features/officer/CasePage';
import { CasesPage } from '../features/officer/CasesPage';
import { ComplaintPage } from '../features/operator/ComplaintPage';
import { ComplaintSearchPage } from '../features/operator/ComplaintSearchPage';
import { FilingPage } from '../features/operator/FilingPage';
import { homeFor, menuFor, MENU } from './menu';

const SCREENS: Record<string, ReactElement> = {
  '/intake/new': <FilingPage />,
  '/complaints': <ComplaintSearchPage />,
  '/dispatch/candidates': <CandidatesPage />,
  '/dispatch/overdue': <OverduePage />,
  '/dispatch/squads': <SquadsPage />,
  '/cases': <CasesPage />,
  '/leadership/map': <MapPage />,
  '/leadership/metrics': <MetricsPage />,
  '/evaluation/ranking': <RankingPage />,
  '/evaluation/submit': <SubmissionPage />,
  '/admin/users': <UsersPage />,
  '/admin/rule-sets': <RuleSetsPage />,
  '/admin/schemes': <SchemesPage />,
  '/admin/holidays': <HolidaysPage />,
  '/admin/audit': <AuditPage />,
};

function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="当前账号的角色不能使用此页面" />;
}

/** A screen behind its roles: the menu hides what a role may not open, and so does the router. */
function guarded(path: string, roles: Role[], element: ReactElement) {
  const entry = MENU.find((m) => m.path === path);
  return entry && !entry.roles.some((r) => roles.includes(r)) ? <Forbidden /> : element;
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  // narrow screens (tablets) get the menu as icons only
  const [collapsed, setCollapsed] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => {
    // what one user loaded is never shown to the next one signing in on this browser
    const expired = () => {
      queryClient.clear();
      setSession(null);
    };
    window.addEventListener(UNAUTHORISED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORISED_EVENT, expired);
  }, [queryClient]);
  const signOut = () => {
    saveSession(null);
    queryClient.clear();
    setSession(null);
    navigate('/login');
  };
  const ctx = useMemo(() => ({ session, signOut }), [session]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!session) {
    return (
      <LoginPage
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          const back = location.pathname !== '/' && location.pathname !== '/login' ? location.pathname + location.search : homeFor(s.user.roles);
          navigate(back, { replace: true });
        }}
      />
    );
  }
  const roles = session.user.roles;
  const entries = menuFor(roles);
  const groups = [...new Set(entries.map((e) => e.group))];
  const selected = entries.map((e) => e.path).filter((p) => location.pathname.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  return (
    <SessionContext.Provider value={ctx}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={56} width={200} theme="dark" collapsed={collapsed} onBreakpoint={setCollapsed} trigger={null} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <div style={{ color: '#fff', padding: '16px 12px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden', textAlign: collapsed ? 'center' : 'left' }}>{collapsed ? '诉' : '诉转案工作台'}</div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => navigate(key)}
            items={
              collapsed
                ? entries.map((e) => ({ key: e.path, icon: e.icon, label: e.label }))
                : groups.map((g) => ({ type: 'group', label: g, key: g, children: entries.filter((e) => e.group === g).map((e) => ({ key: e.path, icon: e.icon, label: e.label })) }))
            }
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Text type="secondary">青岛市城市管理局</Typography.Text>
            <Space>
              <span data-testid="current-user">{session.user.name}</span>
              {roles.map((r) => (
                <Tag key={r} color="blue">
                  {ROLE_LABELS[r]}
                </Tag>
              ))}
              <Button icon={<LogoutOutlined />} onClick={signOut}>
                退出
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16, minWidth: 0 }}>
            <Routes>
              <Route path="/" element={<Navigate to={homeFor(roles)} replace />} />
              <Route path="/login" element={<Navigate to={homeFor(roles)} replace />} />
              {Object.entries(SCREENS).map(([path, element]) => (
                <Route key={path} path={path} element={guarded(path, roles, element)} />
              ))}
              <Route path="/complaints/:id" element={guarded('/complaints', [...roles, ...(roles.includes('officer') ? (['operator'] as Role[]) : [])], <ComplaintPage />)} />
              <Route path="/cases/:id" element={guarded('/cases', roles, <CasePage />)} />
              <Route path="/evaluation/communities/:id" element={guarded('/evaluation/ranking', roles, <CommunityRecordPage />)} />
              <Route path="*" element={<Result status="404" title="页面不存在" />} />
            </Routes>
          </Layout.Content>
        </Layout>
      </Layout>
    </SessionContext.Provider>
  );
}
