import { Alert, Checkbox, Form, Input, InputNumber, Modal, Typography, App as AntApp } from 'antd';
import { useState } from 'react';
import { ApiError, post } from '../../api/client';
import type { CaseDeadline, ExtensionRequest } from '../../api/types';
import { mapApiErrors } from '../../lib/form-errors';

type ExtensionForm = Omit<ExtensionRequest, 'deadline'>;

/** 延期: a deadline extended with its approval record (the service refuses statutory limits and late requests). */
export function ExtensionModal({ caseId, deadline, onClose }: { caseId: string; deadline: CaseDeadline; onClose: (done: boolean) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ExtensionForm>();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: ExtensionForm) => {
    setBusy(true);
    setGeneral(null);
    try {
      // The API names a deadline by its rule key: D11 and D15 each hold two rules (D11.review, D11.suit).
      const body: ExtensionRequest = { deadline: deadline.key, ...v, collective: !!v.collective };
      await post(`/api/v1/cases/${encodeURIComponent(caseId)}/extensions`, body);
      message.success(`${deadline.id} 已延期 ${v.days} 日`);
      onClose(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = mapApiErrors(e.body, ['days', 'approvedBy', 'approvalRef', 'collective']);
      form.setFields(mapped.fields as never);
      setGeneral(mapped.fields.length ? null : mapped.general.join('；'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`延长期限：${deadline.id} ${deadline.name}`} okText="登记延期" okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={() => onClose(false)}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">须经批准并登记审批文号；法定不可延长的期限、已届满的期限或超出最长延长期的，系统将拒绝。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="days" label="延长天数" rules={[{ required: true, message: '请填写天数' }]}>
          <InputNumber min={1} max={365} precision={0} addonAfter="日" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="approvedBy" label="批准人" rules={[{ required: true, message: '请填写批准人' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="approvalRef" label="审批文号" rules={[{ required: true, message: '请填写审批文号' }]}>
          <Input placeholder="如：青城执延〔2026〕3号" />
        </Form.Item>
        <Form.Item name="collective" valuePropName="checked">
          <Checkbox>经集体讨论决定</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
