import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, App as AntApp } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '@pipeline/domain-terms';
import { get, patch, post } from '../../api/client';
import type { UserRecord } from '../../api/types';
import { ErrorAlert, PageTitle } from '../../components/common';
import { useFormMutation } from '../../components/form-mutation';
import { queryKeys } from '../../api/query-client';
import { COMMUNITIES } from '../../lib/places';
import { formatTime } from '../../lib/time';

interface UserForm {
  username?: string;
  name?: string;
  roles?: Role[];
  communities?: string[];
  squadId?: string;
  password?: string;
  disabled?: boolean;
}

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

export function UsersPage() {
  const { data, isFetching: loading, error } = useQuery({ queryKey: queryKeys.users, queryFn: () => get<UserRecord[]>('/api/v1/auth/users') });
  const [editing, setEditing] = useState<UserRecord | 'new' | null>(null);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<UserRecord['roles'][number]>();
  const rows = (data ?? []).filter((u) => (!q || u.username.includes(q) || u.name.includes(q)) && (!role || u.roles.includes(role)));
  return (
    <>
      <PageTitle
        title="用户与角色"
        extra={
          <Space wrap>
            <Input.Search placeholder="登录名或姓名" allowClear onSearch={setQ} style={{ width: 200 }} />
            <Select allowClear placeholder="角色" style={{ width: 170 }} value={role} onChange={setRole} options={ROLE_OPTIONS} />
            <Button type="primary" onClick={() => setEditing('new')}>
              新建用户
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        <Table<UserRecord>
          rowKey="username"
          loading={loading}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个用户` }}
          scroll={{ x: 900 }}
          columns={[
            { title: '登录名', dataIndex: 'username', render: (v: string, u) => <Space>{v}{u.development && <Tag color="orange">开发用户</Tag>}</Space> },
            { title: '姓名', dataIndex: 'name' },
            { title: '角色', dataIndex: 'roles', render: (v: Role[]) => v.map((r) => <Tag key={r} color="blue">{ROLE_LABELS[r] ?? r}</Tag>) },
            { title: '范围', render: (_: unknown, u) => [u.squadId && `中队 ${u.squadId}`, u.communities?.length && `小区 ${u.communities.join('、')}`].filter(Boolean).join('；') || '—' },
            { title: '状态', dataIndex: 'disabled', width: 80, render: (v: boolean) => (v ? <Tag>停用</Tag> : <Tag color="green">启用</Tag>) },
            { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatTime(v) },
            { title: '操作', width: 80, render: (_: unknown, u) => <Button size="small" onClick={() => setEditing(u)}>编辑</Button> },
          ]}
        />
      </Card>
      {editing && <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function UserModal({ user, onClose }: { user: UserRecord | null; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UserForm>();
  const roles = Form.useWatch('roles', form) ?? user?.roles ?? [];
  const { submit, busy, general } = useFormMutation({
    form,
    fields: ['username', 'name', 'roles', 'communities', 'squadId', 'password', 'disabled'],
    send: (v: UserForm) => {
      const body = { ...v, ...(v.password ? {} : { password: undefined }) };
      return user ? patch(`/api/v1/auth/users/${encodeURIComponent(user.username)}`, { ...body, username: undefined }) : post('/api/v1/auth/users', body);
    },
    // a taken login name is the login name's problem
    moreFieldErrors: (e) => (e.status === 409 && !user ? [{ name: ['username'], errors: [e.message] }] : []),
    invalidates: [queryKeys.users],
    onSuccess: () => {
      message.success(user ? '已保存' : '已创建用户');
      onClose();
    },
  });
  return (
    <Modal open title={user ? `编辑用户 ${user.username}` : '新建用户'} okText="保存" okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={onClose} width={560}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => submit(v)} initialValues={user ? { name: user.name, roles: user.roles, communities: user.communities, squadId: user.squadId, disabled: user.disabled } : { roles: [], disabled: false }}>
        {!user && (
          <Form.Item name="username" label="登录名" rules={[{ required: true, message: '请填写登录名' }, { pattern: /^[a-z][a-z0-9._-]{2,31}$/, message: '小写字母开头，3–32 位字母、数字、点、横线或下划线' }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
          <Select mode="multiple" options={ROLE_OPTIONS} />
        </Form.Item>
        {roles.includes('officer') && (
          <Form.Item name="squadId" label="所在中队" rules={[{ required: true, message: '执法队员须指定中队' }]}>
            <Input placeholder="SQ-SN-01" />
          </Form.Item>
        )}
        {roles.includes('committee') && (
          <Form.Item name="communities" label="负责的小区" rules={[{ required: true, message: '物业委员会成员须指定小区' }]}>
            <Select mode="multiple" showSearch optionFilterProp="label" options={COMMUNITIES.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }))} />
          </Form.Item>
        )}
        <Form.Item name="password" label={user ? '重置密码（不改则留空）' : '初始密码'} rules={[{ required: !user, message: '请设置初始密码' }, { min: 12, message: '至少 12 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="disabled" label="停用账号" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
