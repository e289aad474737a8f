import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, List, Progress, Row, Select, Space, Spin, Tag, Typography, App as AntApp } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { normalisePhone } from '@pipeline/domain-terms';
import { ApiError, post } from '../../api/client';
import type { ClassifyPreview, ComplaintAccepted, ComplaintListItem, ComplaintPage } from '../../api/types';
import { PageTitle, StatusTag, UrgentTag } from '../../components/common';
import { mapApiErrors } from '../../lib/form-errors';
import { phoneProblem } from '../../lib/phone';
import { placeName } from '../../lib/places';
import { formatTime } from '../../lib/time';
import { categoryName, useCategories } from './useCategories';

interface FilingForm {
  text: string;
  channel: string;
  externalRef?: string;
  address?: string;
  callerPhone?: string;
  callerName?: string;
  anonymous?: boolean;
}

const CHANNELS = [
  { value: 'hotline', label: '12345 热线' },
  { value: 'app', label: '手机应用' },
  { value: 'web', label: '网站' },
  { value: 'wechat', label: '微信' },
];

/** The API's field names → this form's fields, so a refusal shows next to what the operator typed. */
const FIELD_OF: Record<string, string> = { 'caller.phone': 'callerPhone', 'caller.name': 'callerName', 'caller.anonymous': 'anonymous' };
const FORM_FIELDS = ['text', 'channel', 'externalRef', 'address', 'callerPhone', 'callerName', 'anonymous'];

/** Waits until the operator pauses typing before asking for the dry run. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function FilingPage() {
  const [form] = Form.useForm<FilingForm>();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const categories = useCategories();
  const text = Form.useWatch('text', form) ?? '';
  const address = Form.useWatch('address', form) ?? '';
  const phone = Form.useWatch('callerPhone', form) ?? '';
  const typed = useDebounced({ text: text.trim(), address: address.trim() }, 400);
  const typedPhone = useDebounced(phone, 400);
  const [preview, setPreview] = useState<ClassifyPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [history, setHistory] = useState<ComplaintListItem[] | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<TextAreaRef>(null);

  // the dry run: category, place and possible repeats while the caller talks
  useEffect(() => {
    if (typed.text.length < 5) {
      setPreview(null);
      return;
    }
    let live = true;
    setPreviewing(true);
    post<ClassifyPreview>('/api/v1/classify', { text: typed.text.slice(0, 2000), ...(typed.address ? { address: typed.address.slice(0, 300) } : {}) })
      .then((p) => live && setPreview(p))
      .catch(() => live && setPreview(null))
      .finally(() => live && setPreviewing(false));
    return () => {
      live = false;
    };
  }, [typed.text, typed.address]);

  // the same caller's earlier complaints, once the number is a valid one
  useEffect(() => {
    const normal = normalisePhone(typedPhone ?? '');
    if (!normal) {
      setHistory(null);
      return;
    }
    let live = true;
    post<ComplaintPage>('/api/v1/complaints/search', { callerPhone: normal, limit: 5 })
      .then((p) => live && setHistory(p.items))
      .catch(() => live && setHistory(null));
    return () => {
      live = false;
    };
  }, [typedPhone]);

  const submit = async (v: FilingForm) => {
    setBusy(true);
    setGeneral([]);
    const phoneNormal = v.callerPhone ? normalisePhone(v.callerPhone) : null;
    const caller = phoneNormal || v.callerName || v.anonymous ? { anonymous: !!v.anonymous, ...(phoneNormal ? { phone: phoneNormal } : {}), ...(v.callerName ? { name: v.callerName } : {}) } : undefined;
    const body = {
      text: v.text,
      channel: v.channel,
      ...(v.externalRef ? { externalRef: v.externalRef } : {}),
      ...(v.address ? { address: v.address } : {}),
      ...(caller ? { caller } : {}),
    };
    try {
      // one key per filing: a double submit or a retry after a timeout answers with the same complaint
      const key = crypto.randomUUID();
      const r = await post<ComplaintAccepted>('/api/v1/complaints', body, { 'idempotency-key': key });
      message.success(r.duplicate ? `该工单已受理过：${r.id}` : `已受理，投诉编号 ${r.id}`);
      form.resetFields();
      setPreview(null);
      navigate(`/complaints/${r.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const errs = e.body?.errors?.map((x) => ({ ...x, field: FIELD_OF[x.field] ?? x.field }));
        const mapped = mapApiErrors(e.body ? { ...e.body, errors: errs } : null, FORM_FIELDS);
        form.setFields(mapped.fields as never);
        setGeneral(mapped.general.filter((g) => g && !(mapped.fields.length && g === e.message)));
      } else setGeneral(['提交失败']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          form.submit();
        }
      }}
    >
      <PageTitle title="受理登记" extra={<Typography.Text type="secondary">Ctrl+Enter 提交 · Tab 切换字段</Typography.Text>} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card>
            {general.length > 0 && <Alert type="error" showIcon title={general.join('；')} style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" initialValues={{ channel: 'hotline', anonymous: false }} onFinish={submit} requiredMark="optional">
              <Form.Item name="text" label="诉求内容" rules={[{ required: true, message: '请记录来电人反映的问题' }, { min: 5, message: '至少 5 个字' }, { max: 2000, message: '不能超过 2000 字' }]}>
                <Input.TextArea ref={textRef} autoFocus rows={5} showCount maxLength={2000} placeholder="边听边记：地点、问题、持续时间……（输入时自动识别类别、地点和重复件）" data-testid="complaint-text" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item name="address" label="地址" rules={[{ max: 300, message: '不能超过 300 字' }]}>
                    <Input placeholder="如：市北区台东三路 88 号" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="channel" label="渠道" rules={[{ required: true }]}>
                    <Select options={CHANNELS} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="externalRef" label="12345 工单号">
                    <Input placeholder="可选" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    name="callerPhone"
                    label="来电号码"
                    validateTrigger={['onChange', 'onBlur']}
                    rules={[{ validator: async (_r, v: string | undefined) => { const p = phoneProblem(v); if (p) throw new Error(p); } }]}
                  >
                    <Input placeholder="13812341234 或 0532-88886666" inputMode="tel" data-testid="caller-phone" />
                  </Form.Item>
                </Col>
                <Col xs={14} md={8}>
                  <Form.Item name="callerName" label="来电人称呼" rules={[{ max: 50, message: '不能超过 50 字' }]}>
                    <Input placeholder="如：张先生" />
                  </Form.Item>
                </Col>
                <Col xs={10} md={6}>
                  <Form.Item name="anonymous" label="匿名" valuePropName="checked">
                    <Checkbox>要求匿名</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="file-submit">
                  提交受理
                </Button>
                <Button onClick={() => (form.resetFields(), setPreview(null), textRef.current?.focus())}>清空</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<Space>智能识别{previewing && <Spin size="small" />}</Space>} style={{ marginBottom: 16 }} data-testid="classify-preview">
            {!preview ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入 5 个字以上的诉求内容后显示可能的类别、地点和重复件" />
            ) : (
              <>
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label="可能类别">
                    <Space>
                      <strong data-testid="preview-category">{categoryName(categories, preview.category)}</strong>
                      <Progress percent={Math.round(preview.confidence.category * 100)} size="small" style={{ width: 100, margin: 0 }} />
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label="执法事项">
                    {preview.enforceable ? <Tag color="purple">可执法</Tag> : <Tag>服务类</Tag>}
                    <UrgentTag urgent={preview.urgent} />
                    {preview.needsReview && <Tag color="orange">需人工复核</Tag>}
                  </Descriptions.Item>
                  <Descriptions.Item label="地点">
                    {preview.district ?? '未识别区市'}
                    {preview.hotspotAreaId && <Tag color="volcano" style={{ marginLeft: 8 }}>热点：{placeName(preview.hotspotAreaId)}</Tag>}
                    {preview.communityId && <Tag color="geekblue">小区：{placeName(preview.communityId)}</Tag>}
                  </Descriptions.Item>
                  <Descriptions.Item label="承办单位">{preview.routing?.name ?? '—'}</Descriptions.Item>
                </Descriptions>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  依据：{[...(preview.explanation?.category ?? []).slice(0, 3), ...(preview.explanation?.place ?? [])].join('、') || '—'}
                </Typography.Text>
                <Typography.Title level={5} style={{ marginTop: 12 }}>
                  可能的重复件
                </Typography.Title>
                {preview.possibleRepeats.length === 0 ? (
                  <Typography.Text type="secondary">未发现</Typography.Text>
                ) : (
                  <List
                    size="small"
                    dataSource={preview.possibleRepeats}
                    renderItem={(r) => (
                      <List.Item>
                        <Space direction="vertical" size={0}>
                          <Link to={`/complaints/${r.id}`} target="_blank">
                            {r.excerpt}
                          </Link>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {formatTime(r.reportedAt)} · 相似度 {Math.round(r.score * 100)}%{r.linked ? ' · 将并为重复件' : ''} · {r.reasons.join('、')}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
              </>
            )}
          </Card>
          <Card title="该来电人的历史投诉" size="small">
            {history === null ? (
              <Typography.Text type="secondary">输入有效的来电号码后显示</Typography.Text>
            ) : history.length === 0 ? (
              <Typography.Text type="secondary">无历史投诉</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={history}
                renderItem={(c) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <Link to={`/complaints/${c.id}`}>{c.text}</Link>
                      <Space>
                        <StatusTag status={c.status} label={c.statusLabel} />
                        <Typography.Text type="secondary">{formatTime(c.receivedAt)}</Typography.Text>
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
