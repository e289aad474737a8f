import { Alert, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { deadlineFlag, FLAG_COLOURS, FLAG_LABELS, type DeadlineLike } from '../lib/deadline-flags';
import { formatTime } from '../lib/time';

export function PageTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16, gap: 12, flexWrap: 'wrap' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <div>{extra}</div>
    </div>
  );
}

export function ErrorAlert({ error }: { error: ApiError | null | undefined }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />;
}

export function DeadlineTag({ deadline, now }: { deadline: DeadlineLike; now?: Date }) {
  const flag = deadlineFlag(deadline, now);
  return (
    <Tag color={FLAG_COLOURS[flag]} data-flag={flag}>
      {FLAG_LABELS[flag]}
      {deadline.dueAt && flag !== 'done' ? ` · ${formatTime(deadline.dueAt)}` : ''}
    </Tag>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  received: 'default',
  classified: 'blue',
  candidate: 'gold',
  case: 'purple',
  service_request: 'cyan',
  forwarded: 'geekblue',
  closed: 'green',
  reopened: 'red',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLOURS[status] ?? 'default'}>{label}</Tag>;
}

export function UrgentTag({ urgent }: { urgent: boolean }) {
  return urgent ? <Tag color="red">紧急</Tag> : null;
}
