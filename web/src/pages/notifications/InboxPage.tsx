import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Empty, List, Segmented, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import { client, unwrap } from '../../api/client.ts';
import type { InboxItem } from '../../api/types.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useUnread } from '../../components/unread.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** 消息中心: what the platform told this person, newest first, with the way to the object. */
export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { unread, refresh } = useUnread();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (beforeId?: number) => {
      try {
        const page = await unwrap(
          client.GET('/api/me/notifications', {
            params: { query: { unread: filter === 'unread' ? 'true' : undefined, beforeId, limit: 20 } },
          }),
        );
        setItems((current) => (beforeId ? [...(current ?? []), ...page.items] : page.items));
        setNext(page.nextBeforeId);
        setError(null);
      } catch (caught) {
        setError(errorMessage(caught));
        setItems((current) => current ?? []);
      }
    },
    [filter],
  );

  // Titles come in the reader's language, so a language switch loads them again.
  useEffect(() => {
    setItems(null);
    void load();
  }, [load, i18n.language]);

  const markRead = async (item: InboxItem) => {
    if (item.readAt) return;
    await unwrap(client.POST('/api/me/notifications/{id}/read', { params: { path: { id: item.id } } }));
    setItems((current) =>
      (current ?? [])
        .map((row) => (row.id === item.id ? { ...row, readAt: new Date().toISOString() } : row))
        .filter((row) => filter === 'all' || !row.readAt),
    );
    void refresh();
  };

  const open = async (item: InboxItem) => {
    try {
      await markRead(item);
    } catch (caught) {
      setError(errorMessage(caught));
    }
    if (item.link) navigate(item.link);
  };

  const markAll = async () => {
    try {
      await unwrap(client.POST('/api/me/notifications/read-all'));
      await refresh();
      setItems(null);
      await load();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <PageCard
      title={t('inbox.title')}
      extra={
        <Button icon={<CheckOutlined />} disabled={unread === 0} onClick={() => void markAll()} data-testid="inbox-read-all">
          {t('inbox.readAll')}
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented
          value={filter}
          onChange={(value) => setFilter(value as 'all' | 'unread')}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: `${t('inbox.unread')}${unread > 0 ? ` (${unread})` : ''}` },
          ]}
          data-testid="inbox-filter"
        />
        {error && <Alert type="error" showIcon title={error} />}
        <List
          data-testid="inbox-list"
          loading={items === null}
          dataSource={items ?? []}
          locale={{ emptyText: <Empty description={filter === 'unread' ? t('inbox.noUnread') : t('inbox.empty')} /> }}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              data-testid={`inbox-item-${item.id}`}
              data-read={item.readAt ? 'true' : 'false'}
              style={{ cursor: item.link ? 'pointer' : 'default', alignItems: 'flex-start' }}
              onClick={() => void open(item)}
              actions={
                item.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={(event) => {
                          event.stopPropagation();
                          void markRead(item).catch((caught) => setError(errorMessage(caught)));
                        }}
                        data-testid="inbox-mark-read"
                      >
                        {t('inbox.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={<Badge status={item.readAt ? 'default' : 'processing'} />}
                title={<Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>}
                description={
                  <Space direction="vertical" size={2}>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                      {item.body}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(item.createdAt)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {next !== null && (
          <Button block onClick={() => void load(next)} data-testid="inbox-more">
            {t('inbox.more')}
          </Button>
        )}
      </Space>
    </PageCard>
  );
}
