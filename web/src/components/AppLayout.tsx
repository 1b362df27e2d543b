import { useMemo, useState } from 'react';
import { App, Avatar, Dropdown, Layout, Menu, Space, Typography, theme, type MenuProps } from 'antd';
import {
  ApartmentOutlined, AuditOutlined, BarChartOutlined, BookOutlined, CalendarOutlined, CloudUploadOutlined, DiffOutlined, EditOutlined, FileTextOutlined,
  IdcardOutlined, KeyOutlined, LineChartOutlined, LogoutOutlined, ReadOutlined, ScheduleOutlined, SelectOutlined, TeamOutlined, UserOutlined, SolutionOutlined,
  BankOutlined, FileDoneOutlined, NodeIndexOutlined, RiseOutlined, SafetyCertificateOutlined, SlidersOutlined, WalletOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../api.ts';
import { isStudentOnly, useAuth } from '../auth.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const { Header, Sider, Content, Footer } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const { me, can, clear } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const items = useMemo(() => {
    const list: NonNullable<MenuProps['items']> = [];
    if (can('org.read')) list.push({ key: '/org', icon: <ApartmentOutlined />, label: t('menu.org') });
    if (can('people.read')) {
      list.push({
        key: 'people', icon: <TeamOutlined />, label: t('menu.people'),
        children: [
          { key: '/students', icon: <IdcardOutlined />, label: t('menu.students') },
          { key: '/teachers', icon: <SolutionOutlined />, label: t('menu.teachers') },
        ],
      });
    }
    const teaching: NonNullable<MenuProps['items']> = [];
    if (can('course.read')) teaching.push({ key: '/courses', icon: <BookOutlined />, label: t('menu.courses') });
    if (can('programme.read')) {
      teaching.push({ key: '/programmes', icon: <FileTextOutlined />, label: t('menu.programmes') });
      teaching.push({ key: '/programmes/compare', icon: <DiffOutlined />, label: t('menu.compare') });
    }
    if (can('section.read')) teaching.push({ key: '/selection-windows', icon: <ScheduleOutlined />, label: t('menu.selectionWindows') });
    if (can('grade.enter')) teaching.push({ key: '/grades', icon: <EditOutlined />, label: t('menu.grades') });
    if (teaching.length > 0) list.push({ key: 'teaching', icon: <ReadOutlined />, label: t('menu.teaching'), children: teaching });
    if (can('import.run')) list.push({ key: '/imports', icon: <CloudUploadOutlined />, label: t('menu.imports') });
    if (can('indicator.read')) list.push({ key: '/indicators', icon: <BarChartOutlined />, label: t('menu.indicators') });
    if (can('audit.read')) list.push({ key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') });
    if (isStudentOnly(me) || me?.studentId) list.push({ key: '/me', icon: <UserOutlined />, label: t('menu.me') });
    if (me?.studentId) {
      list.push({ key: '/selection', icon: <SelectOutlined />, label: t('menu.selection') });
      list.push({ key: '/timetable', icon: <CalendarOutlined />, label: t('menu.timetable') });
      list.push({ key: '/progress', icon: <LineChartOutlined />, label: t('menu.progress') });
    }
    const creditbank: NonNullable<MenuProps['items']> = [];
    if (me?.studentId) creditbank.push({ key: '/creditbank/me', icon: <WalletOutlined />, label: t('menu.myCreditbank') });
    if (can('creditbank.read')) {
      creditbank.push({ key: '/creditbank/claims', icon: <FileDoneOutlined />, label: t('menu.creditClaims') });
      creditbank.push({ key: '/creditbank/rules', icon: <SlidersOutlined />, label: t('menu.creditRules') });
      creditbank.push({ key: '/creditbank/certificates', icon: <SafetyCertificateOutlined />, label: t('menu.certificates') });
      creditbank.push({ key: '/creditbank/pathway', icon: <RiseOutlined />, label: t('menu.pathway') });
    }
    if (can('creditbank.ledger')) creditbank.push({ key: '/creditbank/ledger', icon: <NodeIndexOutlined />, label: t('menu.ledger') });
    if (creditbank.length > 0) list.push({ key: 'creditbank', icon: <BankOutlined />, label: t('menu.creditbank'), children: creditbank });
    return list;
  }, [can, me, t]);

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
    return keys.filter((key) => path === key || path.startsWith(`${key}/`)).sort((a, b) => b.length - a.length)[0] ?? '/' + (path.split('/')[1] ?? '');
  }, [items, location.pathname]);

  const logout = async () => {
    try {
      await api.logout();
      message.success(t('header.loggedOut'));
    } catch (error) {
      message.error(errorMessage(error));
    }
    clear();
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('header.changePassword')}</span> },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="menu-logout">{t('header.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') void logout();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <div style={{ width: 28, height: 28, borderRadius: 6, background: token.colorPrimary, color: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700 }}>四</div>
          {!collapsed && <Typography.Text strong style={{ fontSize: 16 }}>{t('app.name')}</Typography.Text>}
        </div>
        <Menu
          mode="inline"
          data-testid="side-menu"
          selectedKeys={[selected]}
          defaultOpenKeys={['people', 'teaching', 'creditbank']}
          items={items}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header style={{ background: token.colorBgContainer, padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', height: 56, lineHeight: '56px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: '55%' }}>{t('app.tagline')}</Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <a data-testid="user-menu" onClick={(event) => event.preventDefault()} style={{ color: token.colorText }}>
                <Space size={6}>
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  <span data-testid="user-name">{me?.displayName ?? me?.username}</span>
                </Space>
              </a>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 16 }}>
          <Outlet />
        </Content>
        <Footer style={{ textAlign: 'center', padding: '8px 16px 16px', color: token.colorTextTertiary, background: 'transparent' }}>{t('app.footer')}</Footer>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
