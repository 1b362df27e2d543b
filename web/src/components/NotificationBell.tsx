import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useUnread } from './unread.tsx';

/** The header's bell: the unread count, opening 消息中心. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { unread } = useUnread();
  return (
    <Tooltip title={t('header.inbox')}>
      <Badge count={unread} size="small" overflowCount={99} data-testid="unread-badge" data-unread={unread}>
        <Button
          type="text"
          shape="circle"
          aria-label={t('header.inbox')}
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          onClick={() => navigate('/inbox')}
          data-testid="inbox-bell"
        />
      </Badge>
    </Tooltip>
  );
}
