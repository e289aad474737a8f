import { Button, Space, Typography } from 'antd';

/**
 * Pages of a cursor-paginated list (the complaint search): the service gives
 * `nextCursor`; the console keeps the cursors it has walked to go back.
 */
export function CursorPager({ page, hasNext, onPrev, onNext }: { page: number; hasNext: boolean; onPrev: () => void; onNext: () => void }) {
  return (
    <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
      <Button disabled={page === 0} onClick={onPrev}>
        上一页
      </Button>
      <Typography.Text>第 {page + 1} 页</Typography.Text>
      <Button disabled={!hasNext} onClick={onNext} data-testid="next-page">
        下一页
      </Button>
    </Space>
  );
}
