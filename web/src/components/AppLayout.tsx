import { useMemo, useState } from 'react';
import { Alert, App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, theme, type MenuProps } from 'antd';
import { BellOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Me } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { allowed } from '../lib/access.ts';
import { webModules } from '../modules.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { UnreadProvider } from './unread.tsx';

const { Header, Sider, Content, Footer } = Layout;
type MenuItems = NonNullable<MenuProps['items']>;

/** The side menu from the modules' entries the person may open, grouped and ordered as the modules declare. */
function menuItems(me: Me | null, t: (key: string) => string): MenuItems {
  const groups = new Map(webModules.flatMap((module) => module.menuGroups ?? []).map((group) => [group.key, group]));
  const entries = webModules
    .flatMap((module) => module.menu ?? [])
    .filter((entry) => allowed(me, entry))
    .sort((a, b) => a.order - b.order);
  const top: Array<{ order: number; item: MenuItems[number] }> = [];
  const grouped = new Map<string, MenuItems>();
  for (const entry of entries) {
    const item = { key: entry.path, icon: entry.icon, label: t(entry.label) };
    if (entry.group && groups.has(entry.group)) {
      if (!grouped.has(entry.group)) grouped.set(entry.group, []);
      grouped.get(entry.group)!.push(item);
    } else {
      top.push({ order: entry.order, item });
    }
  }
  for (const [key, children] of grouped) {
    const group = groups.get(key)!;
    top.push({ order: group.order, item: { key: group.key, icon: group.icon, label: t(group.label), children } });
  }
  return top.sort((a, b) => a.order - b.order).map((entry) => entry.item);
}

/** The product mark above the menu. */
function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 8,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <div
        style={{
          width: 28,
          height: 28,
          borderRadius: 6,
          background: token.colorPrimary,
          color: '#fff',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
        }}
      >
        四
      </div>
      {!collapsed && (
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </div>
  );
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { me, clear } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  // Below the md breakpoint (phones) there is no side menu: it opens as a drawer from the header's menu button.
  const narrow = Grid.useBreakpoint().md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();

  const items = useMemo(() => menuItems(me, t), [me, t]);

  // The deepest menu entry the address is in (/programmes/compare, not /programmes; /programmes/12 → /programmes).
  const selected = useMemo(() => {
    const keys: string[] = [];
    const collect = (entries: NonNullable<MenuProps['items']>) => {
      for (const entry of entries) {
        if (!entry || !('key' in entry)) continue;
        if ('children' in entry && entry.children) collect(entry.children);
        else if (typeof entry.key === 'string' && entry.key.startsWith('/')) keys.push(entry.key);
      }
    };
    collect(items);
    const path = location.pathname;
    return (
      keys.filter((key) => path === key || path.startsWith(`${key}/`)).sort((a, b) => b.length - a.length)[0] ??
      '/' + (path.split('/')[1] ?? '')
    );
  }, [items, location.pathname]);

  const logout = async () => {
    let providerLogoutUrl: string | null = null;
    try {
      ({ providerLogoutUrl } = await api.logout());
      message.success(t('header.loggedOut'));
    } catch (error) {
      message.error(errorMessage(error));
    }
    clear();
    // Signed in through 统一身份认证: the provider signs out too, then sends the browser back to /login.
    if (providerLogoutUrl) window.location.assign(providerLogoutUrl);
    else navigate('/login', { replace: true });
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'notifications',
        icon: <BellOutlined />,
        label: <span data-testid="menu-notification-settings">{t('header.notificationSettings')}</span>,
      },
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('header.changePassword')}</span> },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="menu-logout">{t('header.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'notifications') navigate('/settings/notifications');
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') void logout();
    },
  };

  const sideMenu = (
    <Menu
      mode="inline"
      data-testid="side-menu"
      selectedKeys={[selected]}
      defaultOpenKeys={webModules.flatMap((module) => module.menuGroups ?? []).map((group) => group.key)}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <UnreadProvider>
      <Layout style={{ minHeight: '100vh' }}>
        {narrow ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size="min(300px, 82vw)"
            closable={false}
            styles={{ body: { padding: 0 }, header: { display: 'none' } }}
            data-testid="menu-drawer"
          >
            <Brand collapsed={false} />
            {sideMenu}
          </Drawer>
        ) : (
          <Sider
            theme="light"
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            width={i18n.language === 'en' ? 256 : 208}
            style={{
              borderRight: `1px solid ${token.colorBorderSecondary}`,
              // The side menu keeps to the screen and scrolls inside itself, above its collapse bar, however long the page is.
              position: 'sticky',
              top: 0,
              height: '100vh',
              alignSelf: 'flex-start',
            }}
          >
            <Brand collapsed={collapsed} />
            <div style={{ height: 'calc(100% - 56px)', overflowY: 'auto', overflowX: 'hidden' }}>{sideMenu}</div>
          </Sider>
        )}
        <Layout>
          <Header
            style={{
              background: token.colorBgContainer,
              padding: narrow ? '0 8px' : '0 24px',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              height: 56,
              lineHeight: '56px',
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            {narrow ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('header.menu')}
                data-testid="menu-button"
                onClick={() => setDrawerOpen(true)}
                style={{ width: 44, height: 44 }}
              />
            ) : (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: '55%' }}>
                {t('app.tagline')}
              </Typography.Text>
            )}
            <Space size={narrow ? 'small' : 'middle'}>
              <NotificationBell />
              <LanguageSwitch />
              <Dropdown menu={userMenu} trigger={['click']}>
                <a
                  data-testid="user-menu"
                  aria-label={t('header.account')}
                  onClick={(event) => event.preventDefault()}
                  style={{ color: token.colorText, display: 'inline-flex', alignItems: 'center', minHeight: 44, minWidth: 44 }}
                >
                  <Space size={6}>
                    <Avatar size={28} icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                    <span
                      data-testid="user-name"
                      style={narrow ? { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } : undefined}
                    >
                      {me?.displayName ?? me?.username}
                    </span>
                  </Space>
                </a>
              </Dropdown>
            </Space>
          </Header>
          <Content style={{ margin: narrow ? 8 : 16 }}>
            {me && me.demoPasswordAccounts > 0 ? (
              <Alert
                type="warning"
                showIcon
                banner
                data-testid="demo-password-warning"
                style={{ marginBottom: 12 }}
                title={t('app.demoPasswords', { count: me.demoPasswordAccounts })}
              />
            ) : null}
            <Outlet />
          </Content>
          <Footer style={{ textAlign: 'center', padding: '8px 16px 16px', color: token.colorTextTertiary, background: 'transparent' }}>
            {t('app.footer')}
          </Footer>
        </Layout>
        <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
      </Layout>
    </UnreadProvider>
  );
}
