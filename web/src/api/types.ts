/**
 * Names for the shapes pages use, each taken from the generated schema (never written by hand):
 * `Answer<'/api/x', 'get'>` is what GET /api/x answers, `Body<'/api/x', 'post'>` what POST sends.
 */
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : R extends { 202: infer A } ? A : never;

export type Answer<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { responses: infer R } ? JsonOf<Success<R>> : never;
export type Body<P extends keyof paths, M extends Method = 'post'> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
export type Query<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type InboxPage = Answer<'/api/me/notifications'>;
export type InboxItem = InboxPage['items'][number];
export type NotificationPreferences = Answer<'/api/me/notification-preferences'>;
export type NotificationChannel = Answer<'/api/admin/notification-channels'>[number];
export type ChannelInput = Body<'/api/admin/notification-channels'>;
export type DeliveryPage = Answer<'/api/admin/notification-deliveries'>;
export type Delivery = DeliveryPage['items'][number];
export type Job = Answer<'/api/admin/jobs'>[number];
export type JobRun = Answer<'/api/admin/jobs/{name}/runs'>[number];
