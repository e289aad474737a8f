import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography, App as AntApp } from 'antd';
import { useEffect } from 'react';
import { post } from '../../api/client';
import { queryKeys } from '../../api/query-client';
import type { OfferedAction, TransitionRequest } from '../../api/types';
import { useUser } from '../../auth/SessionContext';
import { EXECUTION_RESULT_LABELS, NO_PENALTY_GROUND_LABELS, SERVICE_METHOD_LABELS, yuanToFen } from '../../lib/case-states';
import { useFormMutation } from '../../components/form-mutation';

interface StepForm {
  reason?: string;
  officers?: { name?: string; certificateNo?: string }[];
  documents?: { kind: string; ref?: string }[];
  legalBasis?: string;
  fineYuan?: number;
  warning?: boolean;
  partyType?: TransitionRequest['partyType'];
  ground?: NonNullable<TransitionRequest['noPenalty']>['ground'];
  explanation?: string;
  partyResponse?: TransitionRequest['partyResponse'];
  executionResult?: TransitionRequest['executionResult'];
  serviceMethod?: TransitionRequest['serviceMethod'];
}

/** The API's field paths → this form's, so each refusal lands next to its field. */
const RENAMES: Record<string, string> = { 'penalty.legalBasis': 'legalBasis', 'penalty.fineFen': 'fineYuan', 'penalty.warning': 'warning', 'noPenalty.ground': 'ground', 'noPenalty.explanation': 'explanation' };
const FIELDS = ['reason', 'officers', 'documents', 'legalBasis', 'fineYuan', 'warning', 'partyType', 'ground', 'explanation', 'partyResponse', 'executionResult', 'serviceMethod'];

const options = (labels: Record<string, string>, only?: string[]) => Object.entries(labels).filter(([k]) => !only || only.includes(k)).map(([value, label]) => ({ value, label }));

/** One step of the procedure: asks for exactly what the step requires, then posts it. */
export function TransitionModal({ caseId, offered, onClose }: { caseId: string; offered: OfferedAction | null; onClose: () => void }) {
  const user = useUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<StepForm>();
  const { submit: send, busy, general, reset } = useFormMutation({
    form,
    fields: FIELDS,
    renames: RENAMES,
    send: (body: TransitionRequest) => post(`/api/v1/cases/${encodeURIComponent(caseId)}/transitions`, body),
    // a step changes the case, the case lists and the squads' loads
    invalidates: [queryKeys.cases, queryKeys.squads],
    onSuccess: () => {
      message.success(`已办理：${offered?.label ?? ''}`);
      onClose();
    },
  });
  const req = offered?.requires ?? {};
  const needsReason = !!req.reason || offered?.action === 'suspend';
  const askParty = offered?.action === 'file' || offered?.action === 'decide_on_spot';
  const askService = offered?.action === 'serve';

  useEffect(() => {
    reset();
    form.resetFields();
    if (offered) {
      form.setFieldsValue({
        officers: req.twoOfficers ? [{ name: user.name }, {}] : undefined,
        documents: (req.documents ?? []).map((kind) => ({ kind })),
      });
    }
  }, [offered]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!offered) return null;

  const submit = (v: StepForm) => {
    const body: TransitionRequest = {
      action: offered.action,
      actor: user.sub,
      ...(v.reason ? { reason: v.reason } : {}),
      ...(v.officers ? { officers: v.officers.map((o, i) => ({ id: i === 0 ? user.sub : `${o.certificateNo ?? i}`, name: o.name, certificateNo: o.certificateNo ?? '' })) } : {}),
      ...(v.documents?.length ? { documents: v.documents.flatMap((d) => (d.ref ? [{ kind: d.kind, ref: d.ref }] : [])) } : {}),
      ...(req.penalty ? { penalty: { legalBasis: v.legalBasis ?? '', ...(v.fineYuan !== undefined && v.fineYuan !== null ? { fineFen: yuanToFen(v.fineYuan) } : {}), ...(v.warning ? { warning: true } : {}) } } : {}),
      ...(v.partyType ? { partyType: v.partyType } : {}),
      ...(req.noPenaltyGround && v.ground ? { noPenalty: { ground: v.ground, explanation: v.explanation ?? '' } } : {}),
      ...(v.partyResponse ? { partyResponse: v.partyResponse } : {}),
      ...(v.executionResult ? { executionResult: v.executionResult } : {}),
      ...(v.serviceMethod ? { serviceMethod: v.serviceMethod } : {}),
    };
    send(body);
  };

  return (
    <Modal open width={640} title={offered.label} okText="确认办理" okButtonProps={{ loading: busy, 'data-testid': 'transition-submit' } as never} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} data-testid="transition-error" />}
      <Form form={form} layout="vertical" onFinish={submit} size="middle">
        {needsReason && (
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '须说明理由' }, { min: 2, message: '至少 2 个字' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        {req.twoOfficers && (
          <>
            <Typography.Text strong>执法人员（不少于两名，须持执法证）</Typography.Text>
            {[0, 1].map((i) => (
              <Row gutter={8} key={i} style={{ marginTop: 8 }}>
                <Col span={10}>
                  <Form.Item name={['officers', i, 'name']} rules={[{ required: true, message: '请填写姓名' }]}>
                    <Input placeholder={`执法人员 ${i + 1} 姓名`} />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item name={['officers', i, 'certificateNo']} rules={[{ required: true, message: '请填写执法证号' }]}>
                    <Input placeholder="执法证号" data-testid={`officer-cert-${i}`} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
          </>
        )}
        {askParty && (
          <Form.Item name="partyType" label="当事人类型" rules={offered.action === 'decide_on_spot' ? [{ required: true, message: '请选择当事人类型' }] : []}>
            <Select options={[{ value: 'citizen', label: '公民' }, { value: 'organisation', label: '法人或其他组织' }]} data-testid="party-type" />
          </Form.Item>
        )}
        {req.penalty && (
          <Row gutter={8}>
            <Col span={14}>
              <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true, message: '请填写处罚依据' }, { min: 2, message: '至少 2 个字' }]}>
                <Input placeholder="如：《青岛市城市市容和环境卫生管理条例》第三十条" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="fineYuan" label="罚款（元）" extra={req.penalty === 'on_spot' ? '简易程序：公民≤200 元，单位≤3000 元' : undefined}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="fine-yuan" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="warning" label="警告" valuePropName="checked">
                <Checkbox />
              </Form.Item>
            </Col>
          </Row>
        )}
        {req.noPenaltyGround && (
          <>
            <Form.Item name="ground" label="不予处罚的情形" rules={[{ required: true, message: '请选择情形' }]}>
              <Select options={options(NO_PENALTY_GROUND_LABELS)} />
            </Form.Item>
            <Form.Item name="explanation" label="说明" rules={[{ required: true, message: '请说明' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {req.partyResponse && (
          <Form.Item name="partyResponse" label="当事人对告知的回应" rules={[{ required: true, message: '请选择' }]}>
            <Select options={[{ value: 'waived', label: '放弃陈述申辩' }, { value: 'no_response', label: '逾期未提出' }]} />
          </Form.Item>
        )}
        {req.executionResult && (
          <Form.Item name="executionResult" label="执行结果" rules={[{ required: true, message: '请选择执行结果' }]}>
            <Select options={options(EXECUTION_RESULT_LABELS, req.executionResult)} data-testid="execution-result" />
          </Form.Item>
        )}
        {askService && (
          <Form.Item name="serviceMethod" label="送达方式">
            <Select options={options(SERVICE_METHOD_LABELS)} />
          </Form.Item>
        )}
        {(req.documents?.length ?? 0) > 0 && (
          <>
            <Typography.Text strong>文书（填写文号）</Typography.Text>
            {(req.documents ?? []).map((kind, i) => (
              <Row gutter={8} key={kind} style={{ marginTop: 8 }}>
                <Col span={8}>
                  <Form.Item name={['documents', i, 'kind']} hidden>
                    <Input />
                  </Form.Item>
                  <Input value={kind} readOnly />
                </Col>
                <Col span={16}>
                  <Form.Item name={['documents', i, 'ref']} rules={[{ required: true, message: `请填写${kind}文号` }]}>
                    <Input placeholder="如：青城执〔2026〕1号" data-testid={`document-ref-${i}`} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
