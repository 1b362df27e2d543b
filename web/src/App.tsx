import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Grid, Result, Button, Spin, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createBrowserRouter, Navigate, Route, RouterProvider, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { onUnauthorized } from './api.ts';
import { AuthProvider, useAuth } from './auth.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { allowed, refusal, type Need } from './lib/access.ts';
import { webModules } from './modules.ts';

const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const FirstPasswordPage = lazy(() => import('./pages/login/FirstPasswordPage.tsx'));
const publicRoutes = webModules.flatMap((module) => module.routes.filter((route) => route.public));
const shellRoutes = webModules.flatMap((module) => module.routes.filter((route) => !route.public));

function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}

/** Pages that need no login: a 401 there (an expired session) does not send the visitor away. */
const publicPaths = new Set(['/login', ...publicRoutes.map((route) => `/${route.path}`)]);

/** Sends the user to /login whenever the API answers 401 (session expired or logged out). */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const { clear } = useAuth();
  useEffect(() => {
    onUnauthorized(() => {
      clear();
      if (!publicPaths.has(location.pathname)) navigate('/login', { replace: true, state: { from: location.pathname } });
    });
    return () => onUnauthorized(null);
  }, [navigate, location.pathname, clear]);
  return null;
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageSpinner />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // Signed in with an activation code: choosing a password comes before everything else.
  if (me.passwordChangeRequired) return <FirstPasswordPage />;
  return <>{children}</>;
}

/** A page's permission, checked with the same `allowed()` as the menu. */
function Guarded({ need, children }: { need: Need; children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useTranslation();
  if (!allowed(me, need)) return <Result status="403" title="403" subTitle={t(refusal(me, need))} />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <UnauthorizedRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {publicRoutes.map((route) => (
          <Route key={route.path} path={`/${route.path}`} element={<route.page />} />
        ))}
        <Route
          element={
            <RequireLogin>
              <AppLayout />
            </RequireLogin>
          }
        >
          {shellRoutes.map((route) =>
            route.path === '' ? (
              <Route
                key="index"
                index
                element={
                  <Guarded need={route}>
                    <route.page />
                  </Guarded>
                }
              />
            ) : (
              <Route
                key={route.path}
                path={route.path}
                element={
                  <Guarded need={route}>
                    <route.page />
                  </Guarded>
                }
              />
            ),
          )}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/**
 * A data router, so that pages can hold a navigation (useBlocker: the programme builder asks before
 * the side menu takes it away from unsaved changes); the routes themselves stay the <Routes> above,
 * under its one catch-all route.
 */
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);

const desktopTheme: ThemeConfig = { token: { colorPrimary: '#1f5fa8', borderRadius: 6 } };
// On phones every control is a touch target of at least 44 px (Apple HIG, WCAG 2.5.5); app.css covers the rest.
const phoneTheme: ThemeConfig = {
  token: { ...desktopTheme.token, controlHeight: 44, controlHeightSM: 44, controlHeightLG: 48 },
  components: { Menu: { itemHeight: 44 }, Pagination: { itemSize: 44, itemSizeSM: 44 } },
};

export function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  const phone = Grid.useBreakpoint().md === false;
  return (
    <ConfigProvider locale={locale} theme={phone ? phoneTheme : desktopTheme}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
