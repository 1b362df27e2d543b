import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Result, Button, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { onUnauthorized } from './api.ts';
import { AuthProvider, isStudentOnly, useAuth } from './auth.tsx';
import { AppLayout } from './components/AppLayout.tsx';

const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const OrgPage = lazy(() => import('./pages/org/OrgPage.tsx'));
const StudentsPage = lazy(() => import('./pages/people/StudentsPage.tsx'));
const TeachersPage = lazy(() => import('./pages/people/TeachersPage.tsx'));
const ImportWizard = lazy(() => import('./pages/imports/ImportWizard.tsx'));
const IndicatorsPage = lazy(() => import('./pages/indicators/IndicatorsPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const MyRecordPage = lazy(() => import('./pages/me/MyRecordPage.tsx'));
const CoursePoolPage = lazy(() => import('./pages/courses/CoursePoolPage.tsx'));
const ProgrammeListPage = lazy(() => import('./pages/courses/ProgrammeListPage.tsx'));
const ProgrammeBuilderPage = lazy(() => import('./pages/courses/ProgrammeBuilderPage.tsx'));
const ProgrammeComparePage = lazy(() => import('./pages/courses/ProgrammeComparePage.tsx'));
const SelectionWindowsPage = lazy(() => import('./pages/courses/SelectionWindowsPage.tsx'));
const SelectionWindowPage = lazy(() => import('./pages/courses/SelectionWindowPage.tsx'));
const GradeEntryPage = lazy(() => import('./pages/courses/GradeEntryPage.tsx'));
const MySelectionPage = lazy(() => import('./pages/courses/MySelectionPage.tsx'));
const MyTimetablePage = lazy(() => import('./pages/courses/MyTimetablePage.tsx'));
const MyProgressPage = lazy(() => import('./pages/courses/MyProgressPage.tsx'));
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage.tsx'));
const MyCreditBankPage = lazy(() => import('./pages/creditbank/MyCreditBankPage.tsx'));
const ClaimsReviewPage = lazy(() => import('./pages/creditbank/ClaimsReviewPage.tsx'));
const CreditRulesPage = lazy(() => import('./pages/creditbank/RulesPage.tsx'));
const CertificatesPage = lazy(() => import('./pages/creditbank/CertificatesPage.tsx'));
const LedgerPage = lazy(() => import('./pages/creditbank/LedgerPage.tsx'));
const PathwayDistributionPage = lazy(() => import('./pages/creditbank/PathwayDistributionPage.tsx'));

function PageSpinner() {
  const { t } = useTranslation();
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin description={t('app.loading')} /></div>;
}

/** Pages that need no login: a 401 there (an expired session) does not send the visitor away. */
const publicPaths = new Set(['/login', '/verify']);

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
  return <>{children}</>;
}

function RequireAction({ action, children }: { action: string; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useTranslation();
  if (!can(action)) return <Result status="403" title="403" subTitle={t('app.forbidden')} />;
  return <>{children}</>;
}

/** Pages about the signed-in student's own selection, timetable and progress. */
function RequireStudent({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useTranslation();
  if (!me?.studentId) return <Result status="403" title="403" subTitle={t('app.studentsOnly')} />;
  return <>{children}</>;
}

function HomeRedirect() {
  const { me, can } = useAuth();
  if (isStudentOnly(me)) return <Navigate to="/me" replace />;
  if (can('org.read')) return <Navigate to="/org" replace />;
  return <Navigate to="/me" replace />;
}

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <Result status="404" title="404" subTitle={t('app.notFound')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('app.backHome')}</Button>} />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <UnauthorizedRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* Public: anyone checks a verifiable transcript, no login. */}
        <Route path="/verify" element={<VerifyPage />} />
        <Route element={<RequireLogin><AppLayout /></RequireLogin>}>
          <Route index element={<HomeRedirect />} />
          <Route path="org" element={<RequireAction action="org.read"><OrgPage /></RequireAction>} />
          <Route path="students" element={<RequireAction action="people.read"><StudentsPage /></RequireAction>} />
          <Route path="teachers" element={<RequireAction action="people.read"><TeachersPage /></RequireAction>} />
          <Route path="imports" element={<RequireAction action="import.run"><ImportWizard /></RequireAction>} />
          <Route path="indicators" element={<RequireAction action="indicator.read"><IndicatorsPage /></RequireAction>} />
          <Route path="audit" element={<RequireAction action="audit.read"><AuditPage /></RequireAction>} />
          <Route path="me" element={<MyRecordPage />} />
          <Route path="courses" element={<RequireAction action="course.read"><CoursePoolPage /></RequireAction>} />
          <Route path="programmes" element={<RequireAction action="programme.read"><ProgrammeListPage /></RequireAction>} />
          <Route path="programmes/compare" element={<RequireAction action="programme.read"><ProgrammeComparePage /></RequireAction>} />
          <Route path="programmes/:id" element={<RequireAction action="programme.read"><ProgrammeBuilderPage /></RequireAction>} />
          <Route path="selection-windows" element={<RequireAction action="section.read"><SelectionWindowsPage /></RequireAction>} />
          <Route path="selection-windows/:id" element={<RequireAction action="section.read"><SelectionWindowPage /></RequireAction>} />
          <Route path="grades" element={<RequireAction action="grade.enter"><GradeEntryPage /></RequireAction>} />
          <Route path="selection" element={<RequireStudent><MySelectionPage /></RequireStudent>} />
          <Route path="timetable" element={<RequireStudent><MyTimetablePage /></RequireStudent>} />
          <Route path="progress" element={<RequireStudent><MyProgressPage /></RequireStudent>} />
          <Route path="creditbank/me" element={<RequireStudent><MyCreditBankPage /></RequireStudent>} />
          <Route path="creditbank/claims" element={<RequireAction action="creditbank.read"><ClaimsReviewPage /></RequireAction>} />
          <Route path="creditbank/rules" element={<RequireAction action="creditbank.read"><CreditRulesPage /></RequireAction>} />
          <Route path="creditbank/certificates" element={<RequireAction action="creditbank.read"><CertificatesPage /></RequireAction>} />
          <Route path="creditbank/ledger" element={<RequireAction action="creditbank.ledger"><LedgerPage /></RequireAction>} />
          <Route path="creditbank/pathway" element={<RequireAction action="creditbank.read"><PathwayDistributionPage /></RequireAction>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  return (
    <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 6 } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
