import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, FileAddOutlined, FileSearchOutlined, FormOutlined,
  HeatMapOutlined, OrderedListOutlined, SafetyCertificateOutlined, SettingOutlined, SolutionOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '@pipeline/domain-terms';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  roles: Role[];
  group: string;
}

/** Every screen of the console, who may open it, and where it sits in the menu. */
export const MENU: MenuEntry[] = [
  { path: '/intake/new', label: '受理登记', icon: <FileAddOutlined />, roles: ['operator', 'admin'], group: '热线受理' },
  { path: '/complaints', label: '投诉查询', icon: <FileSearchOutlined />, roles: ['operator', 'dispatcher', 'admin'], group: '热线受理' },
  { path: '/dispatch/candidates', label: '待确认线索', icon: <OrderedListOutlined />, roles: ['dispatcher', 'admin'], group: '执法调度' },
  { path: '/dispatch/overdue', label: '超期案件', icon: <AlertOutlined />, roles: ['dispatcher', 'officer', 'admin'], group: '执法调度' },
  { path: '/dispatch/squads', label: '中队负荷', icon: <TeamOutlined />, roles: ['dispatcher', 'admin'], group: '执法调度' },
  { path: '/cases', label: '案件办理', icon: <SolutionOutlined />, roles: ['dispatcher', 'officer', 'admin'], group: '执法调度' },
  { path: '/leadership/map', label: '诉转案地图', icon: <HeatMapOutlined />, roles: ['dispatcher', 'authority', 'admin'], group: '诉转案统计' },
  { path: '/leadership/metrics', label: '指标与趋势', icon: <BarChartOutlined />, roles: ['dispatcher', 'authority', 'admin'], group: '诉转案统计' },
  { path: '/evaluation/ranking', label: '小区评价排名', icon: <ApartmentOutlined />, roles: ['committee', 'authority', 'admin'], group: '六方评价' },
  { path: '/evaluation/submit', label: '评分提交', icon: <FormOutlined />, roles: ['committee', 'authority', 'admin'], group: '六方评价' },
  { path: '/admin/users', label: '用户与角色', icon: <UserOutlined />, roles: ['admin'], group: '系统管理' },
  { path: '/admin/rule-sets', label: '转案规则集', icon: <SafetyCertificateOutlined />, roles: ['admin'], group: '系统管理' },
  { path: '/admin/schemes', label: '评价指标与权重', icon: <SettingOutlined />, roles: ['authority', 'admin'], group: '系统管理' },
  { path: '/admin/holidays', label: '节假日日历', icon: <CalendarOutlined />, roles: ['admin'], group: '系统管理' },
  { path: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['admin'], group: '系统管理' },
];

export function menuFor(roles: Role[]): MenuEntry[] {
  return MENU.filter((m) => m.roles.some((r) => roles.includes(r)));
}

/** Where each role starts its day. */
export function homeFor(roles: Role[]): string {
  const first: Record<Role, string> = {
    operator: '/intake/new',
    dispatcher: '/dispatch/candidates',
    officer: '/cases',
    committee: '/evaluation/ranking',
    authority: '/leadership/map',
    admin: '/admin/users',
  };
  return roles.length ? first[roles[0]] : '/login';
}
