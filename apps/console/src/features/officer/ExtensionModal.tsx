import { Alert, Checkbox, Form, Input, InputNumber, Modal, Typography, App as AntApp } from 'antd';
import { post } from '../../api/client';
import { queryKeys } from '../../api/query-client';
import type { CaseDeadline, ExtensionRequest } from '../../api/types';
import { useFormMutation } from '../../components/form-mutation';

type ExtensionForm = Omit<ExtensionRequest, 'deadline'>;

/** 延期: a deadline extended with its approval record (the service refuses statutory limits and late requests). */
export function ExtensionModal({ caseId, deadline, onClose }: { caseId: string; deadline: CaseDeadline; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ExtensionForm>();
  const { submit, busy, general } = useFormMutation({
    form,
    fields: ['days', 'approvedBy', 'approvalRef', 'collective'],
    send: (v: ExtensionForm) => {
      // The API names a deadline by its rule key: D11 and D15 each hold two rules (D11.review, D11.suit).
      const body: ExtensionRequest = { deadline: deadline.key, ...v, collective: !!v.collective };
      return post(`/api/v1/cases/${encodeURIComponent(caseId)}/extensions`, body);
    },
    // an extension moves the case's due dates, so the case lists' flags and the squads' loads
    invalidates: [queryKeys.cases, queryKeys.squads],
    onSuccess: (_, v) => {
      message.success(`${deadline.id} 已延期 ${v.days} 日`);
      onClose();
    },
  });
  return (
    <Modal open title={`延长期限：${deadline.id} ${deadline.name}`} okText="登记延期" okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={onClose}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">须经批准并登记审批文号；法定不可延长的期限、已届满的期限或超出最长延长期的，系统将拒绝。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => submit(v)}>
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
