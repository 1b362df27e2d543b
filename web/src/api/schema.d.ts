/**
 * Generated from the server's OpenAPI document by `npm run generate:api` (openapi-typescript).
 * Do not edit: change the route's zod schemas and generate again.
 */

export interface paths {
    "/api/accounts/provision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按名册开通学生、教师账号，激活码以激活单或邮件发放 / accounts for a roster, the activation codes on a sheet or by e-mail */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        classId?: number;
                        /** @enum {string} */
                        delivery?: "sheet" | "email";
                        institutionId: number;
                        kinds: ("student" | "teacher")[];
                        majorId?: number;
                        reissue?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sheet: {
                                base64: string;
                                fileName: string;
                            } | null;
                            summary: {
                                conflicts: {
                                    displayName: string;
                                    /** @enum {string} */
                                    reason: "username_taken";
                                    username: string;
                                }[];
                                created: number;
                                existing: number;
                                inSheet: number;
                                mailed: number;
                                reissued: number;
                                scopes: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/job-runs/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 最近失败的任务运行 / recent failed runs */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempt: number;
                            dueAt: string;
                            durationMs: number | null;
                            error: string | null;
                            finishedAt: string | null;
                            id: number;
                            job: string;
                            owner: string;
                            requestedBy: number | null;
                            result: {
                                [key: string]: unknown;
                            } | null;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed" | "abandoned";
                            /** @enum {string} */
                            trigger: "schedule" | "retry" | "manual";
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 定时任务及其状态 / scheduled jobs and their state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempt: number;
                            enabled: boolean;
                            failuresLastDay: number;
                            lastRun: {
                                attempt: number;
                                dueAt: string;
                                durationMs: number | null;
                                error: string | null;
                                finishedAt: string | null;
                                id: number;
                                job: string;
                                owner: string;
                                requestedBy: number | null;
                                result: {
                                    [key: string]: unknown;
                                } | null;
                                startedAt: string;
                                /** @enum {string} */
                                status: "running" | "succeeded" | "failed" | "abandoned";
                                /** @enum {string} */
                                trigger: "schedule" | "retry" | "manual";
                            } | null;
                            module: string;
                            name: string;
                            nextRunAt: string | null;
                            running: boolean;
                            schedule: string;
                            title: {
                                en: string;
                                "zh-CN": string;
                            };
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs/{name}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 立即运行 / run now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runId: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 任务运行记录 / a job’s run history */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempt: number;
                            dueAt: string;
                            durationMs: number | null;
                            error: string | null;
                            finishedAt: string | null;
                            id: number;
                            job: string;
                            owner: string;
                            requestedBy: number | null;
                            result: {
                                [key: string]: unknown;
                            } | null;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed" | "abandoned";
                            /** @enum {string} */
                            trigger: "schedule" | "retry" | "manual";
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notification-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 通知渠道 / notification channels */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            hasSecret: boolean;
                            id: number;
                            institutionId: number | null;
                            /** @enum {string} */
                            kind: "smtp" | "wecom" | "dingtalk" | "feishu";
                            kinds: string[];
                            name: string;
                            scope: {
                                id: number;
                                /** @enum {string} */
                                type: "alliance" | "institution" | "cluster" | "group" | "major";
                            } | null;
                            smtp: {
                                from: string;
                                host: string;
                                port: number;
                                secure: boolean;
                                username: string | null;
                            } | null;
                            updatedAt: string;
                            webhookMasked: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新增通知渠道 / add a channel */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        from: string;
                        host: string;
                        /** @enum {string} */
                        kind: "smtp";
                        name: string;
                        password?: string | null;
                        port: number;
                        secure: boolean;
                        username?: string | null;
                    } | {
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "wecom" | "dingtalk" | "feishu";
                        kinds?: string[];
                        name: string;
                        scope: {
                            id: number;
                            /** @enum {string} */
                            type: "alliance" | "institution" | "cluster" | "group" | "major";
                        };
                        secret?: string | null;
                        webhook?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            hasSecret: boolean;
                            id: number;
                            institutionId: number | null;
                            /** @enum {string} */
                            kind: "smtp" | "wecom" | "dingtalk" | "feishu";
                            kinds: string[];
                            name: string;
                            scope: {
                                id: number;
                                /** @enum {string} */
                                type: "alliance" | "institution" | "cluster" | "group" | "major";
                            } | null;
                            smtp: {
                                from: string;
                                host: string;
                                port: number;
                                secure: boolean;
                                username: string | null;
                            } | null;
                            updatedAt: string;
                            webhookMasked: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notification-channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 修改通知渠道 / edit a channel */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        from: string;
                        host: string;
                        /** @enum {string} */
                        kind: "smtp";
                        name: string;
                        password?: string | null;
                        port: number;
                        secure: boolean;
                        username?: string | null;
                    } | {
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "wecom" | "dingtalk" | "feishu";
                        kinds?: string[];
                        name: string;
                        scope: {
                            id: number;
                            /** @enum {string} */
                            type: "alliance" | "institution" | "cluster" | "group" | "major";
                        };
                        secret?: string | null;
                        webhook?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            hasSecret: boolean;
                            id: number;
                            institutionId: number | null;
                            /** @enum {string} */
                            kind: "smtp" | "wecom" | "dingtalk" | "feishu";
                            kinds: string[];
                            name: string;
                            scope: {
                                id: number;
                                /** @enum {string} */
                                type: "alliance" | "institution" | "cluster" | "group" | "major";
                            } | null;
                            smtp: {
                                from: string;
                                host: string;
                                port: number;
                                secure: boolean;
                                username: string | null;
                            } | null;
                            updatedAt: string;
                            webhookMasked: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notification-channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发送测试消息 / send a test message */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string | null;
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notification-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 投递记录 / delivery log */
        get: {
            parameters: {
                query?: {
                    channel?: "email" | "wecom" | "dingtalk" | "feishu";
                    page?: number;
                    pageSize?: number;
                    status?: "pending" | "sending" | "sent" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** @enum {string} */
                                channel: "email" | "wecom" | "dingtalk" | "feishu";
                                channelName: string;
                                createdAt: string;
                                deferredReason: string | null;
                                id: number;
                                kind: string;
                                lastError: string | null;
                                nextAttemptAt: string;
                                recipient: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sending" | "sent" | "failed";
                                title: string;
                                updatedAt: string;
                                username: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/notification-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重新投递 / retry a failed delivery */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            status: "pending";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 上传附件（先暂存，随记录提交）/ upload a file (staged until a record takes it) */
        post: {
            parameters: {
                query: {
                    purpose: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contentType: string;
                            fileName: string;
                            id: string;
                            sizeBytes: number;
                            uploadedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载或预览附件 / download or preview a file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** 删除暂存的附件 / remove a staged file */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            removed: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计日志（管理员）/ audit log */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actorUserId?: number;
                    beforeId?: number;
                    entity?: string;
                    entityId?: string;
                    from?: unknown;
                    institutionId?: number;
                    limit?: number;
                    to?: unknown;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actionLabel: {
                                    en: string;
                                    "zh-CN": string;
                                } | null;
                                actorName: string | null;
                                actorUserId: number | null;
                                after: unknown;
                                at: string;
                                before: unknown;
                                entity: string;
                                entityId: string | null;
                                entityLabel: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                id: number;
                                institutionId: number | null;
                                ip: string | null;
                                requestId: string | null;
                                summary: string | null;
                            }[];
                            nextBeforeId: number | null;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计日志的操作名称（用于筛选）/ audit actions by name */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            label: {
                                en: string;
                                "zh-CN": string;
                            };
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/first-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 激活后设置密码 / choose the password after signing in with an activation code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 登录 / log in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: string;
                            passwordChangeRequired: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 退出（经统一身份认证登录的，同时给出其退出地址）/ log out (and, after single sign-on, where the provider signs out too) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            providerLogoutUrl: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 当前用户、角色与权限 / who am I */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            csrfToken: string | null;
                            demoPasswordAccounts: number;
                            displayName: string;
                            grants: {
                                id: number;
                                /** @enum {string} */
                                role: "admin" | "academic_affairs" | "advisory_member" | "group_lead" | "major_lead" | "lab_manager" | "teacher" | "supervisor" | "student" | "enterprise_partner" | "evaluator";
                                /** @enum {string} */
                                type: "alliance" | "institution" | "cluster" | "group" | "major";
                            }[];
                            institutionId: number | null;
                            passwordChangeRequired: boolean;
                            studentId: number | null;
                            teacherId: number | null;
                            userId: number;
                            username: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 修改密码 / change password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 转到统一身份认证登录 / go to the identity provider to sign in */
        get: {
            parameters: {
                query?: {
                    returnTo?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 统一身份认证返回 / the identity provider sends the browser back */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    error?: string;
                    error_description?: string;
                    iss?: string;
                    s?: string;
                    session_state?: string;
                    state?: string;
                    ticket?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** CAS 单点退出通知 / CAS single logout (the CAS server names the ticket of a sign-in it ended) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        logoutRequest: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ended: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/classes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 行政班 / classes */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                    majorId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            cohortYear: number;
                            id: number;
                            majorId: number;
                            majorName: string;
                            name: string;
                            students: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cluster-tree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 专业集群 → 专业群 → 专业 / cluster tree */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            description: string | null;
                            formedOn: string | null;
                            groups: {
                                clusterId: number | null;
                                code: string;
                                coreMajorCode: string | null;
                                createdAt: string;
                                departmentId: number | null;
                                dualQualifiedTeachers: number;
                                id: number;
                                industryChain: string | null;
                                institutionId: number;
                                majors: {
                                    code: string;
                                    departmentId: number | null;
                                    firstEnrolmentYear: number | null;
                                    groupId: number | null;
                                    id: number;
                                    level: string;
                                    name: string;
                                    /** @enum {string} */
                                    status: "enrolling" | "suspended" | "revoked";
                                    students: number;
                                }[];
                                name: string;
                                shortName: string | null;
                                students: number;
                                teachers: number;
                                updatedAt: string;
                            }[];
                            id: number;
                            institutionId: number;
                            majors: number;
                            name: string;
                            students: number;
                            teachers: number;
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 新建专业集群 / create a cluster */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        description?: string | null;
                        formedOn?: string | null;
                        institutionId?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            description: string | null;
                            formedOn: string | null;
                            id: number;
                            institutionId: number;
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clusters/{clusterId}/indicator-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 集群某周期的目标值与阈值区间 / targets and bands of a cluster and period */
        get: {
            parameters: {
                query: {
                    period: string;
                };
                header?: never;
                path: {
                    clusterId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bands: {
                                orange: number;
                                yellow: number;
                            };
                            /** @enum {string} */
                            comparison: ">=" | "<=";
                            indicatorKey: string;
                            isDefault: boolean;
                            target: number;
                            updatedAt: (string) | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clusters/{clusterId}/indicator-targets/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 设置目标值与阈值区间 / set a target and its bands */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clusterId: number;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bands?: {
                            orange: number;
                            yellow: number;
                        };
                        /** @enum {string} */
                        comparison: ">=" | "<=";
                        period: string;
                        target: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bands: {
                                orange: number;
                                yellow: number;
                            };
                            clusterId: number;
                            /** @enum {string} */
                            comparison: ">=" | "<=";
                            id: number;
                            indicatorKey: string;
                            institutionId: number;
                            period: string;
                            target: number;
                            updatedAt: string;
                            updatedBy: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clusters/{clusterId}/indicators/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重新计算集群的全部可计算指标 / recompute every computable indicator of a cluster */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clusterId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        period: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            failed: {
                                error: string;
                                indicatorKey: string;
                            }[];
                            measurements: {
                                /** @enum {string|null} */
                                comparison: ">=" | "<=" | null;
                                computedAt: string;
                                computedBy: number | null;
                                id: number;
                                indicatorKey: string;
                                inputs: {
                                    [key: string]: unknown;
                                };
                                institutionId: number;
                                /** @enum {string|null} */
                                level: "met" | "yellow" | "orange" | "red" | null;
                                period: string;
                                target: number | null;
                                unitId: number;
                                /** @enum {string} */
                                unitType: "cluster" | "group" | "major" | "teacher";
                                value: number;
                            }[];
                            period: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clusters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改专业集群 / edit a cluster */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        formedOn?: string | null;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            description: string | null;
                            formedOn: string | null;
                            id: number;
                            institutionId: number;
                            name: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/clusters/{id}/credit-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学分结构规则：现行版本与历史 / credit-structure rules: the version in force and the history */
        get: {
            parameters: {
                query?: {
                    cohortYear?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            cohortYear: number;
                            defaults: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            inForce: {
                                effectiveFromCohort: number | null;
                                id: number | null;
                                inForceVersionNo: number | null;
                                lastCohort: number | null;
                                pinned: boolean;
                                versionNo: number | null;
                            } | null;
                            openFollowers: number;
                            openVersionId: number | null;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            versions: {
                                approvedAt: string | null;
                                approvedByName: string | null;
                                clusterId: number;
                                createdAt: string;
                                createdByName: string | null;
                                effectiveFromCohort: number;
                                id: number;
                                lastCohort: number | null;
                                note: string | null;
                                /** @enum {string} */
                                origin: "edited" | "defaults" | "migrated" | "seeded";
                                programmeCount: number;
                                reviewComment: string | null;
                                revision: number;
                                rules: {
                                    coreCredits: number;
                                    crossGroupExtensionCredits: number;
                                    practiceShareMin: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    termCount: number;
                                    termCreditsMax: number;
                                    totalCreditsMax: number;
                                    totalCreditsMin: number;
                                };
                                /** @enum {string} */
                                status: "draft" | "pending" | "approved" | "superseded" | "discarded";
                                statusLabel: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                submittedAt: string | null;
                                submittedByName: string | null;
                                supersededById: number | null;
                                updatedAt: string;
                                updatedByName: string | null;
                                versionNo: number;
                                youAreAuthor: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        /** 保存学分结构规则草稿（须另一位教务审批后生效）/ save the draft of the next rule version */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        effectiveFromCohort: number;
                        note?: string | null;
                        revision?: number;
                        rules: {
                            coreCredits: number;
                            crossGroupExtensionCredits: number;
                            practiceShareMin: number;
                            sharedCourseCount: number;
                            sharedCredits: number;
                            termCount: number;
                            termCreditsMax: number;
                            totalCreditsMax: number;
                            totalCreditsMin: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedByName: string | null;
                            clusterId: number;
                            createdAt: string;
                            createdByName: string | null;
                            effectiveFromCohort: number;
                            id: number;
                            lastCohort: number | null;
                            note: string | null;
                            /** @enum {string} */
                            origin: "edited" | "defaults" | "migrated" | "seeded";
                            programmeCount: number;
                            reviewComment: string | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            /** @enum {string} */
                            status: "draft" | "pending" | "approved" | "superseded" | "discarded";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: string | null;
                            submittedByName: string | null;
                            supersededById: number | null;
                            updatedAt: string;
                            updatedByName: string | null;
                            versionNo: number;
                            youAreAuthor: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/clusters/{id}/credit-rules/restore-defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 恢复默认值（种子文件的 8 门 / 50 / 22 / 16 学分）为草稿 / a draft with the default rules */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        effectiveFromCohort?: number;
                        note?: string | null;
                        revision?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedByName: string | null;
                            clusterId: number;
                            createdAt: string;
                            createdByName: string | null;
                            effectiveFromCohort: number;
                            id: number;
                            lastCohort: number | null;
                            note: string | null;
                            /** @enum {string} */
                            origin: "edited" | "defaults" | "migrated" | "seeded";
                            programmeCount: number;
                            reviewComment: string | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            /** @enum {string} */
                            status: "draft" | "pending" | "approved" | "superseded" | "discarded";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: string | null;
                            submittedByName: string | null;
                            supersededById: number | null;
                            updatedAt: string;
                            updatedByName: string | null;
                            versionNo: number;
                            youAreAuthor: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 课程池（按层级/专业群/模块筛选）/ the course pool */
        get: {
            parameters: {
                query?: {
                    clusterId?: number;
                    layer?: "shared" | "core" | "extension";
                    moduleType?: "ideology_culture" | "professional" | "extension" | "innovation";
                    ownerGroupId?: number;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    status?: "draft" | "published" | "retired";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            groups: {
                                code: string;
                                id: number;
                                institutionId: number;
                                name: string;
                                shortName: string | null;
                            }[];
                            items: {
                                /** @enum {string} */
                                assessment: "exam" | "assessment";
                                certificateCodes: string[];
                                clusterId: number;
                                code: string;
                                credits: number;
                                description: string | null;
                                hours: number;
                                id: number;
                                institutionId: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                /** @enum {string} */
                                moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                name: string;
                                nameEn: string | null;
                                ownerGroupId: number | null;
                                practiceHours: number;
                                prerequisiteCodes: string[];
                                /** @enum {string} */
                                status: "draft" | "published" | "retired";
                                theoryHours: number;
                                updatedAt: string;
                                versionId: number;
                                versionNo: number;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新增课程 / create a course */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        assessment: "exam" | "assessment";
                        certificateCodes?: string[];
                        clusterId?: number;
                        code: string;
                        credits: number;
                        description?: string | null;
                        /** @enum {string} */
                        layer: "shared" | "core" | "extension";
                        /** @enum {string} */
                        moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                        name: string;
                        nameEn?: string | null;
                        ownerGroupId: number | null;
                        practiceHours: number;
                        prerequisiteCodes?: string[];
                        publish?: boolean;
                        theoryHours: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            assessment: "exam" | "assessment";
                            certificateCodes: string[];
                            clusterId: number;
                            code: string;
                            credits: number;
                            description: string | null;
                            hours: number;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            /** @enum {string} */
                            moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                            name: string;
                            nameEn: string | null;
                            ownerGroupId: number | null;
                            practiceHours: number;
                            prerequisiteCodes: string[];
                            /** @enum {string} */
                            status: "draft" | "published" | "retired";
                            theoryHours: number;
                            updatedAt: string;
                            versionId: number;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 课程详情与版本 / a course and its versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            assessment: "exam" | "assessment";
                            certificateCodes: string[];
                            clusterId: number;
                            code: string;
                            credits: number;
                            description: string | null;
                            hours: number;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            /** @enum {string} */
                            moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                            name: string;
                            nameEn: string | null;
                            ownerGroupId: number | null;
                            practiceHours: number;
                            prerequisiteCodes: string[];
                            /** @enum {string} */
                            status: "draft" | "published" | "retired";
                            theoryHours: number;
                            updatedAt: string;
                            versionId: number;
                            versionNo: number;
                            versions: {
                                /** @enum {string} */
                                assessment: "exam" | "assessment";
                                certificateCodes: string[];
                                createdAt: string;
                                createdBy: number | null;
                                credits: number;
                                description: string | null;
                                id: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                /** @enum {string} */
                                moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                name: string;
                                nameEn: string | null;
                                ownerGroupId: number | null;
                                practiceHours: number;
                                prerequisiteCodes: string[];
                                theoryHours: number;
                                versionNo: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改课程（已发布课程生成新版本）/ edit a course (a published course gets a new version) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        assessment?: "exam" | "assessment";
                        certificateCodes?: string[];
                        credits?: number;
                        description?: string | null;
                        /** @enum {string} */
                        layer?: "shared" | "core" | "extension";
                        /** @enum {string} */
                        moduleType?: "ideology_culture" | "professional" | "extension" | "innovation";
                        name?: string;
                        nameEn?: string | null;
                        ownerGroupId?: number | null;
                        practiceHours?: number;
                        prerequisiteCodes?: string[];
                        theoryHours?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            assessment: "exam" | "assessment";
                            certificateCodes: string[];
                            changes: {
                                /** @enum {string} */
                                field: "name" | "nameEn" | "credits" | "theoryHours" | "practiceHours" | "assessment" | "layer" | "moduleType" | "ownerGroupId" | "certificateCodes" | "prerequisiteCodes" | "description";
                                from: (string | number | string[]) | null;
                                to: (string | number | string[]) | null;
                            }[];
                            clusterId: number;
                            code: string;
                            credits: number;
                            description: string | null;
                            hours: number;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            /** @enum {string} */
                            moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                            name: string;
                            nameEn: string | null;
                            ownerGroupId: number | null;
                            practiceHours: number;
                            prerequisiteCodes: string[];
                            /** @enum {string} */
                            status: "draft" | "published" | "retired";
                            theoryHours: number;
                            updatedAt: string;
                            versionId: number;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/courses/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 比较两个版本 / compare two versions */
        get: {
            parameters: {
                query: {
                    from: number;
                    to: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changes: {
                                /** @enum {string} */
                                field: "name" | "nameEn" | "credits" | "theoryHours" | "practiceHours" | "assessment" | "layer" | "moduleType" | "ownerGroupId" | "certificateCodes" | "prerequisiteCodes" | "description";
                                from: (string | number | string[]) | null;
                                to: (string | number | string[]) | null;
                            }[];
                            code: string;
                            courseId: number;
                            from: number;
                            to: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发布课程 / publish a course */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            assessment: "exam" | "assessment";
                            certificateCodes: string[];
                            clusterId: number;
                            code: string;
                            credits: number;
                            description: string | null;
                            hours: number;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            /** @enum {string} */
                            moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                            name: string;
                            nameEn: string | null;
                            ownerGroupId: number | null;
                            practiceHours: number;
                            prerequisiteCodes: string[];
                            /** @enum {string} */
                            status: "draft" | "published" | "retired";
                            theoryHours: number;
                            updatedAt: string;
                            versionId: number;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/courses/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 停用课程 / retire a course */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            assessment: "exam" | "assessment";
                            certificateCodes: string[];
                            clusterId: number;
                            code: string;
                            credits: number;
                            description: string | null;
                            hours: number;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            /** @enum {string} */
                            moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                            name: string;
                            nameEn: string | null;
                            ownerGroupId: number | null;
                            practiceHours: number;
                            prerequisiteCodes: string[];
                            /** @enum {string} */
                            status: "draft" | "published" | "retired";
                            theoryHours: number;
                            updatedAt: string;
                            versionId: number;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credit-rule-versions/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交审批/撤回/批准/退回/放弃 / submit, withdraw, approve, return, discard a rule version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "submit" | "withdraw" | "approve" | "reject" | "discard";
                        comment?: string;
                        revision?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedByName: string | null;
                            clusterId: number;
                            createdAt: string;
                            createdByName: string | null;
                            effectiveFromCohort: number;
                            id: number;
                            lastCohort: number | null;
                            note: string | null;
                            /** @enum {string} */
                            origin: "edited" | "defaults" | "migrated" | "seeded";
                            programmeCount: number;
                            reviewComment: string | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            /** @enum {string} */
                            status: "draft" | "pending" | "approved" | "superseded" | "discarded";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: string | null;
                            submittedByName: string | null;
                            supersededById: number | null;
                            updatedAt: string;
                            updatedByName: string | null;
                            versionNo: number;
                            youAreAuthor: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 证书目录 / certificate catalogue */
        get: {
            parameters: {
                query?: {
                    clusterId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            code: string;
                            createdAt: string;
                            guessed: boolean;
                            id: number;
                            institutionId: number;
                            issuer: string;
                            /** @enum {string} */
                            kind: "skill_level" | "qualification";
                            levels: ("junior" | "intermediate" | "senior" | "technician_prep" | "technician")[];
                            mappings: {
                                courseCode: string | null;
                                courseId: number;
                                courseName: string | null;
                                courseNameEn: string | null;
                                /** @enum {string} */
                                minLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            }[];
                            name: string;
                            nameEn: string | null;
                            occupation: string | null;
                            ownerGroupId: number | null;
                            /** @enum {string} */
                            status: "active" | "retired";
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新增证书 / add a certificate */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clusterId: number;
                        code: string;
                        issuer: string;
                        /** @enum {string} */
                        kind: "skill_level" | "qualification";
                        levels: ("junior" | "intermediate" | "senior" | "technician_prep" | "technician")[];
                        name: string;
                        nameEn?: string | null;
                        occupation?: string | null;
                        ownerGroupId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            code: string;
                            createdAt: string;
                            guessed: boolean;
                            id: number;
                            institutionId: number;
                            issuer: string;
                            /** @enum {string} */
                            kind: "skill_level" | "qualification";
                            levels: ("junior" | "intermediate" | "senior" | "technician_prep" | "technician")[];
                            name: string;
                            nameEn: string | null;
                            occupation: string | null;
                            ownerGroupId: number | null;
                            /** @enum {string} */
                            status: "active" | "retired";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/certificates/{id}/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 设置证书-课程映射 / set certificate–course mappings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mappings: {
                            courseId: number;
                            /** @enum {string} */
                            minLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: number;
                            mappings: {
                                courseId: number;
                                /** @enum {string} */
                                minLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审核队列 / review queue */
        get: {
            parameters: {
                query?: {
                    kind?: "certificate" | "competition" | "course_credit";
                    page?: number;
                    pageSize?: number;
                    status?: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                    studentId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                certificateId: number | null;
                                certificateNo: string | null;
                                competitionId: number | null;
                                courseCredits: number | null;
                                courseId: number | null;
                                decidedAt: string | null;
                                decidedBy: number | null;
                                decisionNote: string | null;
                                earnedCreditId: number | null;
                                evidence: {
                                    links?: string[];
                                    note?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                evidenceFiles: {
                                    contentType: string;
                                    fileName: string;
                                    id: string;
                                    sizeBytes: number;
                                    uploadedAt: string;
                                    url: string;
                                }[];
                                exemptCourseId: number | null;
                                id: number;
                                identityKey: string;
                                importBatchId: string | null;
                                institutionId: number;
                                /** @enum {string} */
                                intendedUse: "credit" | "exemption";
                                issuedOn: string | null;
                                /** @enum {string} */
                                kind: "course_credit" | "certificate" | "competition";
                                ledger: {
                                    /** @enum {string} */
                                    category: "course" | "certificate" | "competition" | "exemption";
                                    credits: number;
                                    hash: string;
                                    id: number;
                                    /** @enum {string} */
                                    kind: "grant" | "reversal";
                                    recordedAt: string;
                                    seq: number;
                                }[];
                                /** @enum {string|null} */
                                level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                                /** @enum {string|null} */
                                prize: "first" | "second" | "third" | "excellence" | null;
                                revision: number;
                                /** @enum {string} */
                                source: "student" | "staff" | "import" | "courses";
                                /** @enum {string} */
                                status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                                student: {
                                    id: number;
                                    name: string;
                                    studentNo: string;
                                };
                                studentId: number;
                                submittedAt: string;
                                submittedBy: number | null;
                                verifiedAt: string | null;
                                verifiedBy: number | null;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** 提交学分认定申请 / submit a claim */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        certificateId: number;
                        certificateNo: string;
                        evidence?: {
                            links?: string[];
                            note?: string;
                        };
                        evidenceFileIds?: string[];
                        exemptCourseId?: number | null;
                        /**
                         * @default credit
                         * @enum {string}
                         */
                        intendedUse?: "credit" | "exemption";
                        /** Format: date */
                        issuedOn?: string | null;
                        /** @enum {string} */
                        kind: "certificate";
                        /** @enum {string} */
                        level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                        studentId?: number;
                    } | {
                        competitionId: number;
                        evidence?: {
                            links?: string[];
                            note?: string;
                        };
                        evidenceFileIds?: string[];
                        /** Format: date */
                        issuedOn?: string | null;
                        /** @enum {string} */
                        kind: "competition";
                        /** @enum {string} */
                        prize: "first" | "second" | "third" | "excellence";
                        studentId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: number | null;
                            certificateNo: string | null;
                            competitionId: number | null;
                            courseCredits: number | null;
                            courseId: number | null;
                            decidedAt: string | null;
                            decidedBy: number | null;
                            decisionNote: string | null;
                            earnedCreditId: number | null;
                            evidence: {
                                links?: string[];
                                note?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            evidenceFiles: {
                                contentType: string;
                                fileName: string;
                                id: string;
                                sizeBytes: number;
                                uploadedAt: string;
                                url: string;
                            }[];
                            exemptCourseId: number | null;
                            id: number;
                            identityKey: string;
                            importBatchId: string | null;
                            institutionId: number;
                            /** @enum {string} */
                            intendedUse: "credit" | "exemption";
                            issuedOn: string | null;
                            /** @enum {string} */
                            kind: "course_credit" | "certificate" | "competition";
                            ledger: {
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                credits: number;
                                hash: string;
                                id: number;
                                /** @enum {string} */
                                kind: "grant" | "reversal";
                                recordedAt: string;
                                seq: number;
                            }[];
                            /** @enum {string|null} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                            /** @enum {string|null} */
                            prize: "first" | "second" | "third" | "excellence" | null;
                            revision: number;
                            /** @enum {string} */
                            source: "student" | "staff" | "import" | "courses";
                            /** @enum {string} */
                            status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                            student: {
                                id: number;
                                name: string;
                                studentNo: string;
                            };
                            studentId: number;
                            submittedAt: string;
                            submittedBy: number | null;
                            verifiedAt: string | null;
                            verifiedBy: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/claims/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 申请详情 / a claim */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: number | null;
                            certificateNo: string | null;
                            competitionId: number | null;
                            courseCredits: number | null;
                            courseId: number | null;
                            decidedAt: string | null;
                            decidedBy: number | null;
                            decisionNote: string | null;
                            earnedCreditId: number | null;
                            evidence: {
                                links?: string[];
                                note?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            evidenceFiles: {
                                contentType: string;
                                fileName: string;
                                id: string;
                                sizeBytes: number;
                                uploadedAt: string;
                                url: string;
                            }[];
                            exemptCourseId: number | null;
                            id: number;
                            identityKey: string;
                            importBatchId: string | null;
                            institutionId: number;
                            /** @enum {string} */
                            intendedUse: "credit" | "exemption";
                            issuedOn: string | null;
                            /** @enum {string} */
                            kind: "course_credit" | "certificate" | "competition";
                            ledger: {
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                credits: number;
                                hash: string;
                                id: number;
                                /** @enum {string} */
                                kind: "grant" | "reversal";
                                recordedAt: string;
                                seq: number;
                            }[];
                            /** @enum {string|null} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                            /** @enum {string|null} */
                            prize: "first" | "second" | "third" | "excellence" | null;
                            revision: number;
                            /** @enum {string} */
                            source: "student" | "staff" | "import" | "courses";
                            /** @enum {string} */
                            status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                            student: {
                                id: number;
                                name: string;
                                studentNo: string;
                            };
                            studentId: number;
                            submittedAt: string;
                            submittedBy: number | null;
                            verifiedAt: string | null;
                            verifiedBy: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/claims/{id}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 审核：核验、认定、退回、撤销 / verify, grant, reject, reverse */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    action: "verify" | "grant" | "reject" | "reverse";
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expected?: {
                            /** @enum {string} */
                            category: "course" | "certificate" | "competition" | "exemption";
                            credits: number;
                        };
                        note?: string | null;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: number | null;
                            certificateNo: string | null;
                            competitionId: number | null;
                            courseCredits: number | null;
                            courseId: number | null;
                            decidedAt: string | null;
                            decidedBy: number | null;
                            decisionNote: string | null;
                            earnedCreditId: number | null;
                            evidence: {
                                links?: string[];
                                note?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            evidenceFiles: {
                                contentType: string;
                                fileName: string;
                                id: string;
                                sizeBytes: number;
                                uploadedAt: string;
                                url: string;
                            }[];
                            exemptCourseId: number | null;
                            id: number;
                            identityKey: string;
                            importBatchId: string | null;
                            institutionId: number;
                            /** @enum {string} */
                            intendedUse: "credit" | "exemption";
                            issuedOn: string | null;
                            /** @enum {string} */
                            kind: "course_credit" | "certificate" | "competition";
                            ledger: {
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                credits: number;
                                hash: string;
                                id: number;
                                /** @enum {string} */
                                kind: "grant" | "reversal";
                                recordedAt: string;
                                seq: number;
                            }[];
                            /** @enum {string|null} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                            /** @enum {string|null} */
                            prize: "first" | "second" | "third" | "excellence" | null;
                            revision: number;
                            /** @enum {string} */
                            source: "student" | "staff" | "import" | "courses";
                            /** @enum {string} */
                            status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                            student: {
                                id: number;
                                name: string;
                                studentNo: string;
                            };
                            studentId: number;
                            submittedAt: string;
                            submittedBy: number | null;
                            verifiedAt: string | null;
                            verifiedBy: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/claims/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 补充证明材料 / add evidence files */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fileIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: number | null;
                            certificateNo: string | null;
                            competitionId: number | null;
                            courseCredits: number | null;
                            courseId: number | null;
                            decidedAt: string | null;
                            decidedBy: number | null;
                            decisionNote: string | null;
                            earnedCreditId: number | null;
                            evidence: {
                                links?: string[];
                                note?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            evidenceFiles: {
                                contentType: string;
                                fileName: string;
                                id: string;
                                sizeBytes: number;
                                uploadedAt: string;
                                url: string;
                            }[];
                            exemptCourseId: number | null;
                            id: number;
                            identityKey: string;
                            importBatchId: string | null;
                            institutionId: number;
                            /** @enum {string} */
                            intendedUse: "credit" | "exemption";
                            issuedOn: string | null;
                            /** @enum {string} */
                            kind: "course_credit" | "certificate" | "competition";
                            ledger: {
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                credits: number;
                                hash: string;
                                id: number;
                                /** @enum {string} */
                                kind: "grant" | "reversal";
                                recordedAt: string;
                                seq: number;
                            }[];
                            /** @enum {string|null} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                            /** @enum {string|null} */
                            prize: "first" | "second" | "third" | "excellence" | null;
                            revision: number;
                            /** @enum {string} */
                            source: "student" | "staff" | "import" | "courses";
                            /** @enum {string} */
                            status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                            student: {
                                id: number;
                                name: string;
                                studentNo: string;
                            };
                            studentId: number;
                            submittedAt: string;
                            submittedBy: number | null;
                            verifiedAt: string | null;
                            verifiedBy: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/claims/{id}/grant-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 认定确认：认定后计入的学分与账本类别 / what granting this claim gives */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cappedFrom: number | null;
                            /** @enum {string|null} */
                            category: "course" | "certificate" | "competition" | "exemption" | null;
                            claimId: number;
                            credits: number | null;
                            crossGroup: boolean;
                            explanation: string | null;
                            fourEyes: boolean;
                            mayGrant: boolean;
                            refusal: string | null;
                            ruleSetId: number | null;
                            /** @enum {string} */
                            status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/claims/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 提交前检查：是否已有同一成果 / would this claim be a duplicate? */
        get: {
            parameters: {
                query: {
                    certificateId: number;
                    certificateNo?: string;
                    level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                    studentId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number | null;
                            duplicate: boolean;
                            message: string | null;
                            /** @enum {string|null} */
                            reason: "same_certificate_level" | "same_number" | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/clusters/{id}/pathway": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学徒成长路径设置 / pathway criteria */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            defaults: {
                                academic: {
                                    /** @enum {string} */
                                    kind: "secondary_done";
                                } | {
                                    fallbackCredits: number;
                                    /** @enum {string} */
                                    kind: "credit_share";
                                    share: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "graduated";
                                };
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                /** @enum {string} */
                                minCertificateLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            }[];
                            isDefault: boolean;
                            names: {
                                [key: string]: {
                                    en: string;
                                    "zh-CN": string;
                                };
                            };
                            revision: number;
                            stages: {
                                academic: {
                                    /** @enum {string} */
                                    kind: "secondary_done";
                                } | {
                                    fallbackCredits: number;
                                    /** @enum {string} */
                                    kind: "credit_share";
                                    share: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "graduated";
                                };
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                /** @enum {string} */
                                minCertificateLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            }[];
                            updatedAt: (string) | null;
                        };
                    };
                };
            };
        };
        /** 修改学徒成长路径设置 / save pathway criteria */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        revision: number;
                        stages: {
                            academic: {
                                /** @enum {string} */
                                kind: "secondary_done";
                            } | {
                                fallbackCredits: number;
                                /** @enum {string} */
                                kind: "credit_share";
                                share: number;
                            } | {
                                /** @enum {string} */
                                kind: "graduated";
                            };
                            /** @enum {string} */
                            key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                            /** @enum {string} */
                            minCertificateLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            defaults: {
                                academic: {
                                    /** @enum {string} */
                                    kind: "secondary_done";
                                } | {
                                    fallbackCredits: number;
                                    /** @enum {string} */
                                    kind: "credit_share";
                                    share: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "graduated";
                                };
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                /** @enum {string} */
                                minCertificateLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            }[];
                            isDefault: boolean;
                            names: {
                                [key: string]: {
                                    en: string;
                                    "zh-CN": string;
                                };
                            };
                            revision: number;
                            stages: {
                                academic: {
                                    /** @enum {string} */
                                    kind: "secondary_done";
                                } | {
                                    fallbackCredits: number;
                                    /** @enum {string} */
                                    kind: "credit_share";
                                    share: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "graduated";
                                };
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                /** @enum {string} */
                                minCertificateLevel: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            }[];
                            updatedAt: (string) | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/clusters/{id}/pathway/distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 各专业学徒阶段分布 / students per stage and major */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            majors: {
                                code: string;
                                counts: {
                                    [key: string]: number;
                                };
                                majorId: number;
                                name: string;
                                total: number;
                            }[];
                            stages: {
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                name: {
                                    en: string;
                                    "zh-CN": string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/clusters/{id}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学分置换规则各版本 / conversion rule versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            currentId: number | null;
                            defaults: {
                                allowExemption: boolean;
                                competitionCredits: {
                                    municipal: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    national: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    provincial: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    school: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                };
                                crossGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                                maxConvertedCreditsPerStudent: number;
                                maxConvertedShareOfProgramme: number;
                                ownGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                            };
                            versions: {
                                approvedAt: string | null;
                                approvedBy: number | null;
                                clusterId: number;
                                createdAt: string;
                                createdBy: number | null;
                                id: number;
                                institutionId: number;
                                note: string | null;
                                rules: {
                                    allowExemption: boolean;
                                    competitionCredits: {
                                        municipal: {
                                            excellence: number;
                                            first: number;
                                            second: number;
                                            third: number;
                                        };
                                        national: {
                                            excellence: number;
                                            first: number;
                                            second: number;
                                            third: number;
                                        };
                                        provincial: {
                                            excellence: number;
                                            first: number;
                                            second: number;
                                            third: number;
                                        };
                                        school: {
                                            excellence: number;
                                            first: number;
                                            second: number;
                                            third: number;
                                        };
                                    };
                                    crossGroupCertificateCredits: {
                                        intermediate: number;
                                        junior: number;
                                        senior: number;
                                        technician: number;
                                        technician_prep: number;
                                    };
                                    maxConvertedCreditsPerStudent: number;
                                    maxConvertedShareOfProgramme: number;
                                    ownGroupCertificateCredits: {
                                        intermediate: number;
                                        junior: number;
                                        senior: number;
                                        technician: number;
                                        technician_prep: number;
                                    };
                                };
                                /** @enum {string} */
                                status: "draft" | "approved" | "retired";
                                validFrom: string;
                                validTo: string | null;
                                versionNo: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** 起草新版置换规则 / draft a rule version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string | null;
                        rules: {
                            allowExemption: boolean;
                            competitionCredits: {
                                municipal: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                                national: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                                provincial: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                                school: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                            };
                            crossGroupCertificateCredits: {
                                intermediate: number;
                                junior: number;
                                senior: number;
                                technician: number;
                                technician_prep: number;
                            };
                            maxConvertedCreditsPerStudent: number;
                            maxConvertedShareOfProgramme: number;
                            ownGroupCertificateCredits: {
                                intermediate: number;
                                junior: number;
                                senior: number;
                                technician: number;
                                technician_prep: number;
                            };
                        };
                        /** Format: date */
                        validFrom: string;
                        /** Format: date */
                        validTo?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedBy: number | null;
                            clusterId: number;
                            createdAt: string;
                            createdBy: number | null;
                            id: number;
                            institutionId: number;
                            note: string | null;
                            rules: {
                                allowExemption: boolean;
                                competitionCredits: {
                                    municipal: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    national: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    provincial: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    school: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                };
                                crossGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                                maxConvertedCreditsPerStudent: number;
                                maxConvertedShareOfProgramme: number;
                                ownGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                            };
                            /** @enum {string} */
                            status: "draft" | "approved" | "retired";
                            validFrom: string;
                            validTo: string | null;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/competitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 技能大赛目录 / competitions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            code: string;
                            createdAt: string;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            level: "national" | "provincial" | "municipal" | "school";
                            name: string;
                            nameEn: string | null;
                            organiser: string | null;
                            ownerGroupId: number | null;
                            /** @enum {string} */
                            status: "active" | "retired";
                            year: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新增技能大赛 / add a competition */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clusterId: number;
                        code: string;
                        /** @enum {string} */
                        level: "national" | "provincial" | "municipal" | "school";
                        name: string;
                        organiser?: string | null;
                        ownerGroupId?: number | null;
                        year: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            code: string;
                            createdAt: string;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            level: "national" | "provincial" | "municipal" | "school";
                            name: string;
                            nameEn: string | null;
                            organiser: string | null;
                            ownerGroupId: number | null;
                            /** @enum {string} */
                            status: "active" | "retired";
                            year: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载可验证学分证明 JSON / download a credential */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/import-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 证书成绩人工核对队列 / imported results to review */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                    status?: "open" | "matched" | "dismissed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                candidate: {
                                    id: number;
                                    majorName: string;
                                    name: string;
                                    studentNo: string;
                                } | null;
                                candidateStudentId: number | null;
                                certificate: {
                                    code: string;
                                    id?: number;
                                    name: string;
                                } | null;
                                certificateId: number;
                                certificateNo: string;
                                createdAt: string;
                                createdBy: number | null;
                                id: number;
                                identityKey: string;
                                idNumberMasked: string;
                                importBatchId: string | null;
                                institutionId: number;
                                issuedOn: string | null;
                                /** @enum {string} */
                                level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                                note: string | null;
                                outcomeId: number | null;
                                personName: string;
                                /** @enum {string} */
                                reason: "id_not_found" | "name_mismatch" | "ambiguous";
                                resolvedAt: (string) | null;
                                resolvedBy: number | null;
                                revision: number;
                                rowNo: number | null;
                                /** @enum {string} */
                                status: "open" | "matched" | "dismissed";
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/import-reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 待核对记录 / a row under review */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            candidate: {
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            } | null;
                            candidateStudentId: number | null;
                            certificate: {
                                code: string;
                                id?: number;
                                name: string;
                            } | null;
                            certificateId: number;
                            certificateNo: string;
                            createdAt: string;
                            createdBy: number | null;
                            id: number;
                            identityKey: string;
                            idNumberMasked: string;
                            importBatchId: string | null;
                            institutionId: number;
                            issuedOn: string | null;
                            /** @enum {string} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            note: string | null;
                            outcomeId: number | null;
                            personName: string;
                            /** @enum {string} */
                            reason: "id_not_found" | "name_mismatch" | "ambiguous";
                            resolvedAt: (string) | null;
                            resolvedBy: number | null;
                            revision: number;
                            rowNo: number | null;
                            /** @enum {string} */
                            status: "open" | "matched" | "dismissed";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/import-reviews/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 驳回 / dismiss */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            candidate: {
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            } | null;
                            candidateStudentId: number | null;
                            certificate: {
                                code: string;
                                id?: number;
                                name: string;
                            } | null;
                            certificateId: number;
                            certificateNo: string;
                            createdAt: string;
                            createdBy: number | null;
                            id: number;
                            identityKey: string;
                            idNumberMasked: string;
                            importBatchId: string | null;
                            institutionId: number;
                            issuedOn: string | null;
                            /** @enum {string} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            note: string | null;
                            outcomeId: number | null;
                            personName: string;
                            /** @enum {string} */
                            reason: "id_not_found" | "name_mismatch" | "ambiguous";
                            resolvedAt: (string) | null;
                            resolvedBy: number | null;
                            revision: number;
                            rowNo: number | null;
                            /** @enum {string} */
                            status: "open" | "matched" | "dismissed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/import-reviews/{id}/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 匹配到学生并登记 / match to a student and grant */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string | null;
                        studentId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            candidate: {
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            } | null;
                            candidateStudentId: number | null;
                            certificate: {
                                code: string;
                                id?: number;
                                name: string;
                            } | null;
                            certificateId: number;
                            certificateNo: string;
                            createdAt: string;
                            createdBy: number | null;
                            id: number;
                            identityKey: string;
                            idNumberMasked: string;
                            importBatchId: string | null;
                            institutionId: number;
                            issuedOn: string | null;
                            /** @enum {string} */
                            level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                            note: string | null;
                            outcomeId: number | null;
                            personName: string;
                            /** @enum {string} */
                            reason: "id_not_found" | "name_mismatch" | "ambiguous";
                            resolvedAt: (string) | null;
                            resolvedBy: number | null;
                            revision: number;
                            rowNo: number | null;
                            /** @enum {string} */
                            status: "open" | "matched" | "dismissed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/ledger/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 账本哈希链校验 / verify the ledger chain */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkedAt: string;
                            entries: number;
                            headHash: string | null;
                            headSeq: number;
                            institutionId: number;
                            intact: boolean;
                            milliseconds: number;
                            problems: {
                                entryId: number | null;
                                /** @enum {string} */
                                problem: "hash_mismatch" | "chain_broken" | "sequence_gap" | "head_mismatch";
                                seq: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/outcomes/{id}/credential": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 生成可验证学分证明（已生成则返回原件）/ issue the credential of a granted outcome (idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            credential: {
                                "@context": (string | {
                                    [key: string]: unknown;
                                })[];
                                awardedDate: string;
                                credentialStatus: {
                                    id: string;
                                    statusListCredential: string;
                                    statusListIndex: string;
                                    /** @enum {string} */
                                    statusPurpose: "revocation";
                                    /** @enum {string} */
                                    type: "BitstringStatusListEntry";
                                } & {
                                    [key: string]: unknown;
                                };
                                credentialSubject: {
                                    achievement: {
                                        /** @enum {string} */
                                        achievementType: "Certificate" | "Certification" | "Award" | "Course";
                                        creditsAvailable: number;
                                        criteria: {
                                            narrative: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        description: string;
                                        humanCode?: string;
                                        id: string;
                                        inLanguage: string;
                                        name: string;
                                        type: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    creditsEarned: number;
                                    identifier: ({
                                        hashed: boolean;
                                        identityHash: string;
                                        /** @enum {string} */
                                        identityType: "sisSourcedId" | "name";
                                        salt: string;
                                        /** @enum {string} */
                                        type: "IdentityObject";
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    result?: ({
                                        type: string[];
                                        value: string;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    type: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                description: string;
                                id: string;
                                issuer: {
                                    id: string;
                                    name: string;
                                    type: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                name: string;
                                proof: {
                                    created: string;
                                    /** @enum {string} */
                                    cryptosuite: "eddsa-rdfc-2022";
                                    proofPurpose: string;
                                    proofValue: string;
                                    /** @enum {string} */
                                    type: "DataIntegrityProof";
                                    verificationMethod: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                type: string[];
                                validFrom: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            issuedAt: string;
                            outcomeId: number;
                            statusIndex: number;
                            /** Format: uuid */
                            statusListId: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            credential: {
                                "@context": (string | {
                                    [key: string]: unknown;
                                })[];
                                awardedDate: string;
                                credentialStatus: {
                                    id: string;
                                    statusListCredential: string;
                                    statusListIndex: string;
                                    /** @enum {string} */
                                    statusPurpose: "revocation";
                                    /** @enum {string} */
                                    type: "BitstringStatusListEntry";
                                } & {
                                    [key: string]: unknown;
                                };
                                credentialSubject: {
                                    achievement: {
                                        /** @enum {string} */
                                        achievementType: "Certificate" | "Certification" | "Award" | "Course";
                                        creditsAvailable: number;
                                        criteria: {
                                            narrative: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        description: string;
                                        humanCode?: string;
                                        id: string;
                                        inLanguage: string;
                                        name: string;
                                        type: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    creditsEarned: number;
                                    identifier: ({
                                        hashed: boolean;
                                        identityHash: string;
                                        /** @enum {string} */
                                        identityType: "sisSourcedId" | "name";
                                        salt: string;
                                        /** @enum {string} */
                                        type: "IdentityObject";
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    result?: ({
                                        type: string[];
                                        value: string;
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                    type: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                description: string;
                                id: string;
                                issuer: {
                                    id: string;
                                    name: string;
                                    type: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                                name: string;
                                proof: {
                                    created: string;
                                    /** @enum {string} */
                                    cryptosuite: "eddsa-rdfc-2022";
                                    proofPurpose: string;
                                    proofValue: string;
                                    /** @enum {string} */
                                    type: "DataIntegrityProof";
                                    verificationMethod: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                type: string[];
                                validFrom: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            issuedAt: string;
                            outcomeId: number;
                            statusIndex: number;
                            /** Format: uuid */
                            statusListId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 修改草稿 / edit a draft */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string | null;
                        rules: {
                            allowExemption: boolean;
                            competitionCredits: {
                                municipal: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                                national: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                                provincial: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                                school: {
                                    excellence: number;
                                    first: number;
                                    second: number;
                                    third: number;
                                };
                            };
                            crossGroupCertificateCredits: {
                                intermediate: number;
                                junior: number;
                                senior: number;
                                technician: number;
                                technician_prep: number;
                            };
                            maxConvertedCreditsPerStudent: number;
                            maxConvertedShareOfProgramme: number;
                            ownGroupCertificateCredits: {
                                intermediate: number;
                                junior: number;
                                senior: number;
                                technician: number;
                                technician_prep: number;
                            };
                        };
                        /** Format: date */
                        validFrom: string;
                        /** Format: date */
                        validTo?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedBy: number | null;
                            clusterId: number;
                            createdAt: string;
                            createdBy: number | null;
                            id: number;
                            institutionId: number;
                            note: string | null;
                            rules: {
                                allowExemption: boolean;
                                competitionCredits: {
                                    municipal: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    national: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    provincial: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    school: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                };
                                crossGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                                maxConvertedCreditsPerStudent: number;
                                maxConvertedShareOfProgramme: number;
                                ownGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                            };
                            /** @enum {string} */
                            status: "draft" | "approved" | "retired";
                            validFrom: string;
                            validTo: string | null;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/rules/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 审批规则版本 / approve a rule version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedAt: string | null;
                            approvedBy: number | null;
                            clusterId: number;
                            createdAt: string;
                            createdBy: number | null;
                            id: number;
                            institutionId: number;
                            note: string | null;
                            rules: {
                                allowExemption: boolean;
                                competitionCredits: {
                                    municipal: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    national: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    provincial: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                    school: {
                                        excellence: number;
                                        first: number;
                                        second: number;
                                        third: number;
                                    };
                                };
                                crossGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                                maxConvertedCreditsPerStudent: number;
                                maxConvertedShareOfProgramme: number;
                                ownGroupCertificateCredits: {
                                    intermediate: number;
                                    junior: number;
                                    senior: number;
                                    technician: number;
                                    technician_prep: number;
                                };
                            };
                            /** @enum {string} */
                            status: "draft" | "approved" | "retired";
                            validFrom: string;
                            validTo: string | null;
                            versionNo: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学分银行审核设置 / review settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fourEyes: boolean;
                            institutionId: number;
                            revision: number;
                            updatedAt: (string) | null;
                            updatedBy: number | null;
                        };
                    };
                };
            };
        };
        /** 修改学分银行审核设置 / change the review settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fourEyes: boolean;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fourEyes: boolean;
                            institutionId: number;
                            revision: number;
                            updatedAt: (string) | null;
                            updatedBy: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/students/{id}/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学生学分银行账户 / a student's account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                certificate: number;
                                competition: number;
                                converted: number;
                                course: number;
                                exemption: number;
                                total: number;
                            };
                            claims: {
                                certificateId: number | null;
                                certificateNo: string | null;
                                competitionId: number | null;
                                courseCredits: number | null;
                                courseId: number | null;
                                decidedAt: string | null;
                                decidedBy: number | null;
                                decisionNote: string | null;
                                earnedCreditId: number | null;
                                evidence: {
                                    links?: string[];
                                    note?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                exemptCourseId: number | null;
                                id: number;
                                identityKey: string;
                                importBatchId: string | null;
                                institutionId: number;
                                /** @enum {string} */
                                intendedUse: "credit" | "exemption";
                                issuedOn: string | null;
                                /** @enum {string} */
                                kind: "course_credit" | "certificate" | "competition";
                                /** @enum {string|null} */
                                level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                                /** @enum {string|null} */
                                prize: "first" | "second" | "third" | "excellence" | null;
                                revision: number;
                                /** @enum {string} */
                                source: "student" | "staff" | "import" | "courses";
                                /** @enum {string} */
                                status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                                studentId: number;
                                submittedAt: string;
                                submittedBy: number | null;
                                verifiedAt: string | null;
                                verifiedBy: number | null;
                            }[];
                            conversion: {
                                cap: number | null;
                                maxPerStudent: number | null;
                                programmeGraduationCredits: number | null;
                                programmeShare: number | null;
                                remaining: number | null;
                                ruleSetId: number | null;
                                used: number;
                            };
                            entries: {
                                actorUserId: number | null;
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                credits: number;
                                exemptedCourseId: number | null;
                                hash: string;
                                id: number;
                                institutionId: number;
                                /** @enum {string} */
                                kind: "grant" | "reversal";
                                outcomeId: number;
                                prevHash: string;
                                reason: string | null;
                                recordedAt: string;
                                ruleSetId: number | null;
                                seq: number;
                                studentId: number;
                            }[];
                            levels: ("junior" | "intermediate" | "senior" | "technician_prep" | "technician")[];
                            student: {
                                cohortYear: number;
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/students/{id}/pathway": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学生的学徒成长阶段 / a student's apprentice stage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number | null;
                            /** @enum {string|null} */
                            current: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate" | null;
                            facts: {
                                courseworkCredits: number;
                                highestCertificate: {
                                    /** @enum {string} */
                                    level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                                    name: string;
                                } | null;
                                /** @enum {string} */
                                majorLevel: "secondary_vocational" | "higher_vocational" | "undergraduate" | "technician";
                                programmeGraduationCredits: number | null;
                                /** @enum {string} */
                                status: "enrolled" | "suspended" | "graduated" | "withdrawn";
                            };
                            missing: {
                                detail: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                /** @enum {string} */
                                key: "academic" | "certificate";
                                label: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                met: boolean;
                            }[];
                            /** @enum {string|null} */
                            next: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate" | null;
                            stages: {
                                criteria: {
                                    detail: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    /** @enum {string} */
                                    key: "academic" | "certificate";
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    met: boolean;
                                }[];
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                name: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                reached: boolean;
                            }[];
                            studentId: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/students/{id}/transcript": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导出学生的学分成绩单 PDF / export a student's credit transcript (PDF) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditbank/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导入课程学分事件 / take in earned course credits now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            granted: number;
                            reversed: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 系部 / departments */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            id: number;
                            institutionId: number;
                            kind: string;
                            name: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新增系部 / create a department */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        institutionId?: number;
                        /**
                         * @default department
                         * @enum {string}
                         */
                        kind?: "department" | "secondary_college" | "campus_unit";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            id: number;
                            institutionId: number;
                            kind: string;
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改系部 / edit a department */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind?: "department" | "secondary_college" | "campus_unit";
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            id: number;
                            institutionId: number;
                            kind: string;
                            name: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/exports/{entity}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出为 .xlsx（可直接再导入）/ export as .xlsx */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                };
                header?: never;
                path: {
                    entity: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 新建专业群（核心专业、牵头系部、面向产业链）/ create a professional group */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clusterId?: number | null;
                        code: string;
                        coreMajorCode?: string | null;
                        departmentId?: number | null;
                        industryChain?: string | null;
                        institutionId?: number;
                        name: string;
                        shortName?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number | null;
                            code: string;
                            coreMajorCode: string | null;
                            createdAt: string;
                            departmentId: number | null;
                            id: number;
                            industryChain: string | null;
                            institutionId: number;
                            name: string;
                            shortName: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 专业群详情 / a professional group */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number | null;
                            code: string;
                            coreMajorCode: string | null;
                            createdAt: string;
                            departmentId: number | null;
                            id: number;
                            industryChain: string | null;
                            institutionId: number;
                            majors: {
                                code: string;
                                createdAt: string;
                                departmentId: number | null;
                                firstEnrolmentYear: number | null;
                                groupId: number | null;
                                id: number;
                                institutionId: number;
                                level: string;
                                name: string;
                                /** @enum {string} */
                                status: "enrolling" | "suspended" | "revoked";
                                updatedAt: string;
                            }[];
                            name: string;
                            shortName: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改专业群 / update a group */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        coreMajorCode?: string | null;
                        departmentId?: number | null;
                        industryChain?: string | null;
                        name?: string;
                        shortName?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number | null;
                            code: string;
                            coreMajorCode: string | null;
                            createdAt: string;
                            departmentId: number | null;
                            id: number;
                            industryChain: string | null;
                            institutionId: number;
                            name: string;
                            shortName: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 健康检查 / health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            database: "pglite" | "postgres";
                            migrationVersion: number;
                            /** @enum {string} */
                            status: "ok";
                            time: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 统一身份认证设置 / identity providers and password sign-in per institution */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            callbackUrl: string;
                            institutions: {
                                institutionId: number;
                                localLogin: boolean;
                            }[];
                            providers: {
                                accountClaim: string;
                                callbackUrl: string;
                                casUrl: string | null;
                                clientId: string | null;
                                enabled: boolean;
                                hasClientSecret: boolean;
                                id: number;
                                institutionId: number;
                                issuer: string | null;
                                name: string;
                                nameEn: string | null;
                                /** @enum {string} */
                                protocol: "oidc" | "cas";
                                scopes: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新增统一身份认证 / add an identity provider */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountClaim: string;
                        casUrl?: string | null;
                        clientId?: string | null;
                        clientSecret?: string | null;
                        enabled?: boolean;
                        institutionId: number;
                        issuer?: string | null;
                        name: string;
                        nameEn?: string | null;
                        /** @enum {string} */
                        protocol: "oidc" | "cas";
                        scopes?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountClaim: string;
                            callbackUrl: string;
                            casUrl: string | null;
                            clientId: string | null;
                            enabled: boolean;
                            hasClientSecret: boolean;
                            id: number;
                            institutionId: number;
                            issuer: string | null;
                            name: string;
                            nameEn: string | null;
                            /** @enum {string} */
                            protocol: "oidc" | "cas";
                            scopes: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity-providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改统一身份认证 / change an identity provider */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountClaim: string;
                        casUrl?: string | null;
                        clientId?: string | null;
                        clientSecret?: string | null;
                        enabled?: boolean;
                        issuer?: string | null;
                        name: string;
                        nameEn?: string | null;
                        /** @enum {string} */
                        protocol: "oidc" | "cas";
                        scopes?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountClaim: string;
                            callbackUrl: string;
                            casUrl: string | null;
                            clientId: string | null;
                            enabled: boolean;
                            hasClientSecret: boolean;
                            id: number;
                            institutionId: number;
                            issuer: string | null;
                            name: string;
                            nameEn: string | null;
                            /** @enum {string} */
                            protocol: "oidc" | "cas";
                            scopes: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可导入的对象及其列 / importable entities and their columns */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                example: string;
                                header: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                key: string;
                                /** @enum {string} */
                                kind: "text" | "integer" | "choice" | "boolean";
                                required: boolean;
                            }[];
                            entity: string;
                            keyColumn: string;
                            title: {
                                en: string;
                                "zh-CN": string;
                            };
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{entity}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 上传 .xlsx 并预览 / upload an .xlsx and preview */
        post: {
            parameters: {
                query?: {
                    institutionId?: number;
                };
                header?: never;
                path: {
                    entity: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            committedAt: string | null;
                            createdAt: string;
                            entity: string;
                            errors: {
                                column: string | null;
                                columnLabel: string | null;
                                reason: string;
                                row: number;
                            }[];
                            fileName: string | null;
                            id: string;
                            /** @enum {string} */
                            status: "previewed" | "committed";
                            summary: {
                                changedRows?: number;
                                columns?: string[];
                                create: number;
                                ignoredHeaders?: string[];
                                invalid: number;
                                notes?: {
                                    count: number;
                                    key: string;
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                }[];
                                total: number;
                                unchanged: number;
                                update: number;
                                valid: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{entity}/template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载导入模板 / download the import template */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entity: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 查看导入批次 / an import batch */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            committedAt: string | null;
                            createdAt: string;
                            entity: string;
                            errors: {
                                column: string | null;
                                columnLabel: string | null;
                                reason: string;
                                row: number;
                            }[];
                            fileName: string | null;
                            id: string;
                            /** @enum {string} */
                            status: "previewed" | "committed";
                            summary: {
                                changedRows?: number;
                                columns?: string[];
                                create: number;
                                ignoredHeaders?: string[];
                                invalid: number;
                                notes?: {
                                    count: number;
                                    key: string;
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                }[];
                                total: number;
                                unchanged: number;
                                update: number;
                                valid: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/batches/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 预览：每行将修改的字段（原值 → 新值）/ the preview's changes, field by field */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                fields: {
                                    after: (string | number) | null;
                                    before: (string | number) | null;
                                    column: string;
                                    columnLabel: string;
                                }[];
                                key: string;
                                row: number;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/batches/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 确认导入（全部或全不）/ commit all rows or none */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entity: string;
                            id: string;
                            /** @enum {string} */
                            status: "committed";
                            summary: {
                                changedRows?: number;
                                columns?: string[];
                                create: number;
                                ignoredHeaders?: string[];
                                invalid: number;
                                notes?: {
                                    count: number;
                                    key: string;
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                }[];
                                total: number;
                                unchanged: number;
                                update: number;
                                valid: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/batches/{id}/errors.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载错误行 / download the bad rows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 指标注册表 / the indicator registry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            comparison: ">=" | "<=";
                            computable: boolean;
                            defaultTarget: number;
                            definition: {
                                en: string;
                                "zh-CN": string;
                            };
                            dimension: string;
                            dimensionName: {
                                en: string;
                                "zh-CN": string;
                            };
                            key: string;
                            module: string;
                            monitoringSource: {
                                en: string;
                                "zh-CN": string;
                            };
                            name: {
                                en: string;
                                "zh-CN": string;
                            };
                            /** @enum {string} */
                            unit: "ratio" | "count" | "credits" | "items";
                            unitTypes: ("cluster" | "group" | "major" | "teacher")[];
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 联盟与成员院校 / alliances and member institutions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alliances: {
                                code: string;
                                createdAt: string;
                                id: number;
                                kind: string;
                                name: string;
                            }[];
                            institutions: {
                                allianceId: number | null;
                                code: string;
                                createdAt: string;
                                id: number;
                                kind: string;
                                memberships: {
                                    allianceId: number;
                                    joinedOn?: string | null;
                                    /** @enum {string} */
                                    role: "lead" | "member";
                                }[];
                                name: string;
                                shortName: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** 联盟管理员新增成员单位（可属多个联盟）/ add a member institution (in one or more alliances) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @enum {string} */
                        kind: "higher_vocational" | "secondary_vocational" | "technician_college" | "undergraduate" | "enterprise" | "other";
                        memberships: {
                            allianceId: number;
                            joinedOn?: string | null;
                            /** @enum {string} */
                            role: "lead" | "member";
                        }[];
                        name: string;
                        shortName?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allianceId: number | null;
                            code: string;
                            createdAt: string;
                            id: number;
                            kind: string;
                            memberships: {
                                allianceId: number;
                                joinedOn?: string | null;
                                /** @enum {string} */
                                role: "lead" | "member";
                            }[];
                            name: string;
                            shortName: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改成员单位及其所属联盟、角色 / edit an institution and its alliances */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind?: "higher_vocational" | "secondary_vocational" | "technician_college" | "undergraduate" | "enterprise" | "other";
                        memberships?: {
                            allianceId: number;
                            joinedOn?: string | null;
                            /** @enum {string} */
                            role: "lead" | "member";
                        }[];
                        name?: string;
                        shortName?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allianceId: number | null;
                            code: string;
                            createdAt: string;
                            id: number;
                            kind: string;
                            memberships: {
                                allianceId: number;
                                joinedOn?: string | null;
                                /** @enum {string} */
                                role: "lead" | "member";
                            }[];
                            name: string;
                            shortName: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/institutions/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 企业联系人 / contacts of a partner enterprise */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enterprise: {
                                code: string;
                                id: number;
                                name: string;
                            };
                            items: {
                                createdAt: string;
                                email: string | null;
                                id: number;
                                institutionId: number;
                                name: string;
                                phone: string | null;
                                piiRevealed: boolean;
                                position: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新增企业联系人 / add a contact of a partner enterprise */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string | null;
                        name: string;
                        phone?: string | null;
                        position?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string | null;
                            id: number;
                            institutionId: number;
                            name: string;
                            phone: string | null;
                            phoneMasked: string | null;
                            position: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/institutions/{id}/period-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 作息时间表 / when each period begins and ends */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            institutionId: number;
                            isDefault: boolean;
                            periods: {
                                endsAt: string;
                                period: number;
                                startsAt: string;
                            }[];
                            updatedAt: (string) | null;
                        };
                    };
                };
            };
        };
        /** 修改作息时间表 / set when each period begins and ends */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        periods: {
                            endsAt: string;
                            period: number;
                            startsAt: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            institutionId: number;
                            isDefault: boolean;
                            periods: {
                                endsAt: string;
                                period: number;
                                startsAt: string;
                            }[];
                            updatedAt: (string) | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/majors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本校全部专业（按系部，含是否在专业群中）/ every major of the institution, with its department and group */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number | null;
                            code: string;
                            createdAt: string;
                            departmentId: number | null;
                            firstEnrolmentYear: number | null;
                            groupId: number | null;
                            id: number;
                            institutionId: number;
                            level: string;
                            name: string;
                            /** @enum {string} */
                            status: "enrolling" | "suspended" | "revoked";
                            students: number;
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新增专业 / create a major */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        departmentId?: number | null;
                        firstEnrolmentYear?: number | null;
                        groupId?: number | null;
                        institutionId?: number;
                        /** @enum {string} */
                        level?: "secondary_vocational" | "higher_vocational" | "undergraduate" | "technician";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            departmentId: number | null;
                            firstEnrolmentYear: number | null;
                            groupId: number | null;
                            id: number;
                            institutionId: number;
                            level: string;
                            name: string;
                            /** @enum {string} */
                            status: "enrolling" | "suspended" | "revoked";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/majors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 专业详情（含状态历史）/ a major with its status history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            classes: {
                                code: string;
                                cohortYear: number;
                                createdAt: string;
                                headTeacherId: number | null;
                                id: number;
                                institutionId: number;
                                majorId: number;
                                name: string;
                                updatedAt: string;
                            }[];
                            code: string;
                            createdAt: string;
                            departmentId: number | null;
                            firstEnrolmentYear: number | null;
                            groupId: number | null;
                            id: number;
                            institutionId: number;
                            level: string;
                            name: string;
                            /** @enum {string} */
                            status: "enrolling" | "suspended" | "revoked";
                            statusHistory: {
                                changedAt: string;
                                changedBy: number | null;
                                effectiveYear: number | null;
                                /** @enum {string|null} */
                                fromStatus: "enrolling" | "suspended" | "revoked" | null;
                                id: number;
                                institutionId: number;
                                majorId: number;
                                reason: string | null;
                                /** @enum {string} */
                                toStatus: "enrolling" | "suspended" | "revoked";
                            }[];
                            students: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改专业 / update a major */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        departmentId?: number | null;
                        firstEnrolmentYear?: number | null;
                        groupId?: number | null;
                        /** @enum {string} */
                        level?: "secondary_vocational" | "higher_vocational" | "undergraduate" | "technician";
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            departmentId: number | null;
                            firstEnrolmentYear: number | null;
                            groupId: number | null;
                            id: number;
                            institutionId: number;
                            level: string;
                            name: string;
                            /** @enum {string} */
                            status: "enrolling" | "suspended" | "revoked";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/majors/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 变更专业状态（招生/停招/撤销）/ change major status */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        effectiveYear?: number;
                        reason?: string;
                        /** @enum {string} */
                        status: "enrolling" | "suspended" | "revoked";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            createdAt: string;
                            departmentId: number | null;
                            firstEnrolmentYear: number | null;
                            groupId: number | null;
                            id: number;
                            institutionId: number;
                            level: string;
                            name: string;
                            /** @enum {string} */
                            status: "enrolling" | "suspended" | "revoked";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/creditbank": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的学分银行账户 / my credit-bank account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                certificate: number;
                                competition: number;
                                converted: number;
                                course: number;
                                exemption: number;
                                total: number;
                            };
                            claims: {
                                certificateId: number | null;
                                certificateNo: string | null;
                                competitionId: number | null;
                                courseCredits: number | null;
                                courseId: number | null;
                                decidedAt: string | null;
                                decidedBy: number | null;
                                decisionNote: string | null;
                                earnedCreditId: number | null;
                                evidence: {
                                    links?: string[];
                                    note?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                exemptCourseId: number | null;
                                id: number;
                                identityKey: string;
                                importBatchId: string | null;
                                institutionId: number;
                                /** @enum {string} */
                                intendedUse: "credit" | "exemption";
                                issuedOn: string | null;
                                /** @enum {string} */
                                kind: "course_credit" | "certificate" | "competition";
                                /** @enum {string|null} */
                                level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician" | null;
                                /** @enum {string|null} */
                                prize: "first" | "second" | "third" | "excellence" | null;
                                revision: number;
                                /** @enum {string} */
                                source: "student" | "staff" | "import" | "courses";
                                /** @enum {string} */
                                status: "submitted" | "verified" | "granted" | "rejected" | "reversed";
                                studentId: number;
                                submittedAt: string;
                                submittedBy: number | null;
                                verifiedAt: string | null;
                                verifiedBy: number | null;
                            }[];
                            conversion: {
                                cap: number | null;
                                maxPerStudent: number | null;
                                programmeGraduationCredits: number | null;
                                programmeShare: number | null;
                                remaining: number | null;
                                ruleSetId: number | null;
                                used: number;
                            };
                            entries: {
                                actorUserId: number | null;
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                credits: number;
                                exemptedCourseId: number | null;
                                hash: string;
                                id: number;
                                institutionId: number;
                                /** @enum {string} */
                                kind: "grant" | "reversal";
                                outcomeId: number;
                                prevHash: string;
                                reason: string | null;
                                recordedAt: string;
                                ruleSetId: number | null;
                                seq: number;
                                studentId: number;
                            }[];
                            levels: ("junior" | "intermediate" | "senior" | "technician_prep" | "technician")[];
                            student: {
                                cohortYear: number;
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/creditbank/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的可验证学分证明 / my verifiable credentials */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                achievementName: string;
                                /** @enum {string} */
                                achievementType: "Certificate" | "Certification" | "Award" | "Course";
                                /** @enum {string} */
                                category: "course" | "certificate" | "competition" | "exemption";
                                code: string | null;
                                /** Format: uuid */
                                credentialId: string | null;
                                credits: number;
                                grantedAt: string;
                                issuedAt: string | null;
                                /** @enum {string} */
                                kind: "course_credit" | "certificate" | "competition";
                                outcomeId: number;
                                result: {
                                    en: string;
                                    "zh-CN": string;
                                } | null;
                                /** @enum {string} */
                                state: "issuable" | "issued" | "revoked";
                                term: {
                                    en: string;
                                    "zh-CN": string;
                                } | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/creditbank/pathway": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的学徒成长阶段 / my apprentice stage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number | null;
                            /** @enum {string|null} */
                            current: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate" | null;
                            facts: {
                                courseworkCredits: number;
                                highestCertificate: {
                                    /** @enum {string} */
                                    level: "junior" | "intermediate" | "senior" | "technician_prep" | "technician";
                                    name: string;
                                } | null;
                                /** @enum {string} */
                                majorLevel: "secondary_vocational" | "higher_vocational" | "undergraduate" | "technician";
                                programmeGraduationCredits: number | null;
                                /** @enum {string} */
                                status: "enrolled" | "suspended" | "graduated" | "withdrawn";
                            };
                            missing: {
                                detail: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                /** @enum {string} */
                                key: "academic" | "certificate";
                                label: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                met: boolean;
                            }[];
                            /** @enum {string|null} */
                            next: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate" | null;
                            stages: {
                                criteria: {
                                    detail: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    /** @enum {string} */
                                    key: "academic" | "certificate";
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    met: boolean;
                                }[];
                                /** @enum {string} */
                                key: "junior_apprentice" | "intermediate_apprentice" | "senior_apprentice" | "craftsman_candidate";
                                name: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                reached: boolean;
                            }[];
                            studentId: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/creditbank/transcript": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导出我的学分成绩单 PDF（带核验二维码）/ export my credit transcript (PDF with a QR code) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 通知设置 / my notification settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string | null;
                            emailAvailable: boolean;
                            kinds: {
                                description: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                email: boolean;
                                emailByDefault: boolean;
                                key: string;
                                title: {
                                    en: string;
                                    "zh-CN": string;
                                };
                            }[];
                            quietHours: {
                                end: string;
                                start: string;
                            } | null;
                        };
                    };
                };
            };
        };
        /** 修改通知设置 / save my notification settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string | null;
                        kinds: {
                            [key: string]: boolean;
                        };
                        quietHours: {
                            end: string;
                            start: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string | null;
                            emailAvailable: boolean;
                            kinds: {
                                description: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                email: boolean;
                                emailByDefault: boolean;
                                key: string;
                                title: {
                                    en: string;
                                    "zh-CN": string;
                                };
                            }[];
                            quietHours: {
                                end: string;
                                start: string;
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 消息中心 / my inbox */
        get: {
            parameters: {
                query?: {
                    beforeId?: number;
                    limit?: number;
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                body: string;
                                createdAt: string;
                                id: number;
                                kind: string;
                                link: string | null;
                                notificationId: number;
                                readAt: string | null;
                                title: string;
                            }[];
                            nextBeforeId: number | null;
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 标为已读 / mark read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 全部标为已读 / mark all read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marked: number;
                            unread: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未读数实时推送（SSE）/ live unread count (server-sent events) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未读数 / unread count */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的学业进度 / my progress against my programme */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            progress: {
                                earned: {
                                    code: string;
                                    courseId: number;
                                    credits: number;
                                    crossGroup: boolean;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    name: string;
                                    nameEn: string | null;
                                    termCode: string;
                                    termId: number;
                                }[];
                                inProgress: {
                                    code: string;
                                    courseId: number;
                                    credits: number;
                                    crossGroup: boolean;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    name: string;
                                    nameEn: string | null;
                                    sectionCode: string;
                                    termCode: string;
                                    termId: number;
                                }[];
                                layers: {
                                    core: {
                                        earned: number;
                                        inProgress: number;
                                        remaining: number;
                                        required: number;
                                    };
                                    crossGroupExtension: {
                                        earned: number;
                                        inProgress: number;
                                        remaining: number;
                                        required: number;
                                    };
                                    shared: {
                                        earned: number;
                                        inProgress: number;
                                        remaining: number;
                                        required: number;
                                    };
                                    total: {
                                        earned: number;
                                        inProgress: number;
                                        remaining: number;
                                        required: number;
                                    };
                                };
                                outstanding: {
                                    code: string;
                                    courseId: number;
                                    credits: number;
                                    crossGroup: boolean;
                                    inProgress: boolean;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    name: string;
                                    nameEn: string | null;
                                    termNo: number;
                                }[];
                                programme: {
                                    graduationCredits: number;
                                    id: number;
                                    name: string;
                                    /** @enum {string} */
                                    status: "draft" | "submitted" | "approved" | "published";
                                    statusLabel: string;
                                } | null;
                                student: {
                                    cohortYear: number;
                                    id: number;
                                    majorName: string;
                                    name: string;
                                    studentNo: string;
                                };
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/selection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的选课（可选教学班、余量、候补位次）/ my selection */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enrolments: {
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                credits: number;
                                id: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                meetings: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                }[];
                                ownerGroupId: number | null;
                                position: number | null;
                                room: string | null;
                                sectionCode: string;
                                sectionId: number;
                                /** @enum {string} */
                                source: "first_come" | "lottery" | "promotion" | "assigned";
                                /** @enum {string} */
                                status: "enrolled" | "waitlisted";
                                termId: number;
                                waitlistSeq: number | null;
                                windowId: number | null;
                            }[];
                            student: {
                                cohortYear: number;
                                groupId: number | null;
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            };
                            terms: {
                                academicYear: string;
                                code: string;
                                id: number;
                                termNo: number;
                            }[];
                            windows: {
                                closesAt: string;
                                cohortYears: number[];
                                createdAt: string;
                                createdBy: number | null;
                                creditCap: number;
                                drawnAt: string | null;
                                drawnBy: number | null;
                                dropDeadline: string;
                                heldCredits: number;
                                id: number;
                                inputsHash: string | null;
                                institutionId: number;
                                lotterySeed: string | null;
                                maxChoices: number;
                                maxCourses: number;
                                /** @enum {string} */
                                mode: "first_come" | "lottery";
                                name: string;
                                opensAt: string;
                                /** @enum {string} */
                                phase: "upcoming" | "open" | "awaiting_draw" | "adjusting" | "closed";
                                preferences: number[];
                                resultHash: string | null;
                                sections: {
                                    /** @enum {string} */
                                    availability: "held" | "open" | "waitlist" | "blocked";
                                    blockedMessage: string | null;
                                    blockedReason: string | null;
                                    capacity: number;
                                    code: string;
                                    courseCode: string;
                                    courseId: number;
                                    courseName: string;
                                    courseNameEn: string | null;
                                    credits: number;
                                    crossGroup: boolean;
                                    enrolledCount: number;
                                    id: number;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    meetings: {
                                        firstPeriod: number;
                                        firstWeek: number;
                                        lastPeriod: number;
                                        lastWeek: number;
                                        weekday: number;
                                    }[];
                                    ownerGroupId: number | null;
                                    ownerGroupName: string | null;
                                    ownGroup: boolean;
                                    prerequisiteCodes: string[];
                                    room: string | null;
                                    seatsLeft: number;
                                    /** @enum {string} */
                                    status: "open" | "cancelled";
                                    waitlistCount: number;
                                }[];
                                termId: number;
                                waitlistLimit: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/selections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 选课（先到先得，幂等）/ select a section */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        requestId: string;
                        sectionId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            /** @enum {string} */
                            outcome: "enrolled" | "waitlisted" | "refused" | "already_enrolled" | "already_waitlisted" | "dropped" | "left_waitlist";
                            position: number | null;
                            sectionId: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/selections/drop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 退选或退出候补（幂等）/ drop a section */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        requestId: string;
                        sectionId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            /** @enum {string} */
                            outcome: "enrolled" | "waitlisted" | "refused" | "already_enrolled" | "already_waitlisted" | "dropped" | "left_waitlist";
                            position: number | null;
                            sectionId: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/student": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的学籍（学生本人；身份证号与手机号默认隐去部分）/ my own student record (numbers masked unless asked) */
        get: {
            parameters: {
                query?: {
                    reveal?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            student: {
                                canReveal: boolean;
                                classCode: string | null;
                                classId: number | null;
                                className: string | null;
                                cohortYear: number;
                                gender: string | null;
                                id: number;
                                idNumber: string | null;
                                institutionId: number;
                                majorCode: string | null;
                                majorId: number;
                                majorName: string | null;
                                name: string;
                                phone: string | null;
                                piiRevealed: boolean;
                                /** @enum {string} */
                                status: "enrolled" | "suspended" | "graduated" | "withdrawn";
                                studentNo: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/timetable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的课表 / my timetable */
        get: {
            parameters: {
                query?: {
                    termId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                credits: number;
                                id: number;
                                /** @enum {string} */
                                kind: "required" | "elective";
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                meetings: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                }[];
                                ownerGroupId: number | null;
                                position: number | null;
                                room: string | null;
                                sectionCode: string;
                                sectionId: number;
                                /** @enum {string} */
                                source: "first_come" | "lottery" | "promotion" | "assigned";
                                /** @enum {string} */
                                status: "enrolled" | "waitlisted";
                                termId: number;
                                waitlistSeq: number | null;
                                windowId: number | null;
                            }[];
                            periods: {
                                endsAt: string;
                                period: number;
                                startsAt: string;
                            }[];
                            term: {
                                academicYear: string;
                                code: string;
                                endsOn: string;
                                firstWeekStartsOn: string;
                                id: number;
                                name: string;
                                programmeTermNo: number;
                                startsOn: string;
                                termNo: number;
                                weeks: number;
                            } | null;
                            termId: number | null;
                            terms: {
                                academicYear: string;
                                code: string;
                                endsOn: string;
                                firstWeekStartsOn: string;
                                id: number;
                                name: string;
                                programmeTermNo: number;
                                startsOn: string;
                                termNo: number;
                                weeks: number;
                            }[];
                            unscheduled: {
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                credits: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/timetable.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出我的课表 (.ics) / my timetable as a calendar file */
        get: {
            parameters: {
                query?: {
                    termId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/workbench": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 工作台：我的待办 / my workbench */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cards: {
                                count: number | null;
                                deadline: string | null;
                                items: {
                                    detail?: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    link?: string;
                                    /** @enum {string} */
                                    tone?: "todo" | "info" | "warning" | "danger" | "done";
                                }[];
                                key: string;
                                link: string;
                                steps?: {
                                    detail: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    key: string;
                                    label: {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                    link: string;
                                    /** @enum {string} */
                                    state: "done" | "next" | "waiting";
                                }[];
                                summary: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                title: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                /** @enum {string} */
                                tone: "todo" | "info" | "warning" | "danger" | "done";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/measurements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 最新测量值 / latest measurements */
        get: {
            parameters: {
                query?: {
                    period?: string;
                    unitId?: number;
                    unitType?: "cluster" | "group" | "major" | "teacher";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string|null} */
                            comparison: ">=" | "<=" | null;
                            computedAt: string;
                            computedBy: number | null;
                            id: number;
                            indicatorKey: string;
                            inputs: {
                                [key: string]: unknown;
                            };
                            institutionId: number;
                            /** @enum {string|null} */
                            level: "met" | "yellow" | "orange" | "red" | null;
                            period: string;
                            target: number | null;
                            unitId: number;
                            /** @enum {string} */
                            unitType: "cluster" | "group" | "major" | "teacher";
                            value: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 计算并保存一个测量值 / compute and store a measurement */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        indicatorKey: string;
                        period: string;
                        unitId: number;
                        /** @enum {string} */
                        unitType: "cluster" | "group" | "major" | "teacher";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string|null} */
                            comparison: ">=" | "<=" | null;
                            computedAt: string;
                            computedBy: number | null;
                            id: number;
                            indicatorKey: string;
                            inputs: {
                                [key: string]: unknown;
                            };
                            institutionId: number;
                            /** @enum {string|null} */
                            level: "met" | "yellow" | "orange" | "red" | null;
                            period: string;
                            target: number | null;
                            unitId: number;
                            /** @enum {string} */
                            unitType: "cluster" | "group" | "major" | "teacher";
                            value: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 人才培养方案列表 / training programmes */
        get: {
            parameters: {
                query?: {
                    clusterId?: number;
                    cohortYear?: number;
                    groupId?: number;
                    majorId?: number;
                    status?: "draft" | "submitted" | "approved" | "published";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            cohortYear: number;
                            copiedFromId: number | null;
                            courseCount: number;
                            createdAt: string;
                            createdBy: number | null;
                            creditRuleVersionId: number | null;
                            electiveCreditsRequired: number;
                            graduationCredits: number;
                            groupId: number;
                            id: number;
                            institutionId: number;
                            majorCode: string;
                            majorId: number;
                            majorName: string;
                            name: string;
                            publishedAt: (string) | null;
                            publishedBy: number | null;
                            requiredCredits: number;
                            reviewComment: string | null;
                            reviewedAt: (string) | null;
                            reviewedBy: number | null;
                            revision: number;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "published";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: (string) | null;
                            submittedBy: number | null;
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新建培养方案 / create a programme */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cohortYear: number;
                        electiveCreditsRequired?: number;
                        graduationCredits: number;
                        majorId: number;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clusterId: number;
                            cohortYear: number;
                            copiedFromId: number | null;
                            createdAt: string;
                            createdBy: number | null;
                            creditRuleVersionId: number | null;
                            electiveCreditsRequired: number;
                            graduationCredits: number;
                            groupId: number;
                            id: number;
                            institutionId: number;
                            majorId: number;
                            name: string;
                            publishedAt: (string) | null;
                            publishedBy: number | null;
                            reviewComment: string | null;
                            reviewedAt: (string) | null;
                            reviewedBy: number | null;
                            revision: number;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "published";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: (string) | null;
                            submittedBy: number | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 培养方案（含规则校验）/ a programme with its rule check */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            check: {
                                metrics: {
                                    coreCredits: number;
                                    creditsByTerm: number[];
                                    crossGroupExtensionCredits: number;
                                    electiveOptionCredits: number;
                                    extensionPartCredits: number;
                                    practiceHours: number;
                                    practiceShare: number;
                                    requiredCredits: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    sharedExtensionRatio: number;
                                    sharedFoundationRatio: number;
                                    totalCredits: number;
                                    totalHours: number;
                                };
                                passed: boolean;
                                results: {
                                    actual: number | null;
                                    courses?: string[];
                                    message: string;
                                    messageKey: string;
                                    params: {
                                        [key: string]: string | number | {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                    };
                                    required: number | null;
                                    /** @enum {string} */
                                    rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                    /** @enum {string} */
                                    status: "ok" | "missing" | "over" | "invalid";
                                }[];
                            };
                            clusterId: number;
                            cohortYear: number;
                            copiedFromId: number | null;
                            copyReport: {
                                creditsAfter: number;
                                creditsBefore: number;
                                entries: {
                                    changes: {
                                        field: string;
                                        from: (string | number | string[]) | null;
                                        to: (string | number | string[]) | null;
                                    }[];
                                    code: string;
                                    credits: number;
                                    fromVersion: number;
                                    /** @enum {string} */
                                    kind: "retired" | "new_version";
                                    name: string;
                                    replacement: {
                                        code: string;
                                        credits: number;
                                        name: string;
                                    } | null;
                                    toCredits: number | null;
                                    toVersion: number | null;
                                    /** @enum {string} */
                                    use: "current" | "source" | "replace" | "drop";
                                }[];
                                sourceCohortYear: number;
                                sourceId: number;
                                sourceName: string;
                            } | null;
                            createdAt: string;
                            createdBy: number | null;
                            creditRuleVersionId: number | null;
                            electiveCreditsRequired: number;
                            graduationCredits: number;
                            groupId: number;
                            id: number;
                            institutionId: number;
                            items: {
                                /** @enum {string} */
                                assessment: "exam" | "assessment";
                                certificateCodes: string[];
                                code: string;
                                courseId: number;
                                courseVersionId: number;
                                credits: number;
                                id: number;
                                isElective: boolean;
                                latestVersionNo: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                /** @enum {string} */
                                moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                name: string;
                                nameEn: string | null;
                                ownerGroupId: number | null;
                                practiceHours: number;
                                prerequisiteCodes: string[];
                                termNo: number;
                                theoryHours: number;
                                versionNo: number;
                            }[];
                            major: {
                                code: string;
                                groupId: number | null;
                                groupName: string | null;
                                id: number;
                                name: string;
                            } | null;
                            majorId: number;
                            name: string;
                            publishedAt: (string) | null;
                            publishedBy: number | null;
                            reviewComment: string | null;
                            reviewedAt: (string) | null;
                            reviewedBy: number | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            ruleVersion: {
                                effectiveFromCohort: number | null;
                                id: number | null;
                                inForceVersionNo: number | null;
                                lastCohort: number | null;
                                pinned: boolean;
                                versionNo: number | null;
                            };
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "published";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: (string) | null;
                            submittedBy: number | null;
                            texts: {
                                ability: string;
                                entryRequirements: string;
                                graduationRequirements: string;
                                knowledge: string;
                                objective: string;
                                quality: string;
                                studyDuration: string;
                            };
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        /** 保存方案（课程与设置）/ save a programme */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        courses?: {
                            courseId: number;
                            isElective?: boolean;
                            termNo: number;
                            versionNo?: number;
                        }[];
                        electiveCreditsRequired?: number;
                        graduationCredits?: number;
                        name?: string;
                        revision?: number;
                        texts?: {
                            ability?: string;
                            entryRequirements?: string;
                            graduationRequirements?: string;
                            knowledge?: string;
                            objective?: string;
                            quality?: string;
                            studyDuration?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            check: {
                                metrics: {
                                    coreCredits: number;
                                    creditsByTerm: number[];
                                    crossGroupExtensionCredits: number;
                                    electiveOptionCredits: number;
                                    extensionPartCredits: number;
                                    practiceHours: number;
                                    practiceShare: number;
                                    requiredCredits: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    sharedExtensionRatio: number;
                                    sharedFoundationRatio: number;
                                    totalCredits: number;
                                    totalHours: number;
                                };
                                passed: boolean;
                                results: {
                                    actual: number | null;
                                    courses?: string[];
                                    message: string;
                                    messageKey: string;
                                    params: {
                                        [key: string]: string | number | {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                    };
                                    required: number | null;
                                    /** @enum {string} */
                                    rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                    /** @enum {string} */
                                    status: "ok" | "missing" | "over" | "invalid";
                                }[];
                            };
                            clusterId: number;
                            cohortYear: number;
                            copiedFromId: number | null;
                            copyReport: {
                                creditsAfter: number;
                                creditsBefore: number;
                                entries: {
                                    changes: {
                                        field: string;
                                        from: (string | number | string[]) | null;
                                        to: (string | number | string[]) | null;
                                    }[];
                                    code: string;
                                    credits: number;
                                    fromVersion: number;
                                    /** @enum {string} */
                                    kind: "retired" | "new_version";
                                    name: string;
                                    replacement: {
                                        code: string;
                                        credits: number;
                                        name: string;
                                    } | null;
                                    toCredits: number | null;
                                    toVersion: number | null;
                                    /** @enum {string} */
                                    use: "current" | "source" | "replace" | "drop";
                                }[];
                                sourceCohortYear: number;
                                sourceId: number;
                                sourceName: string;
                            } | null;
                            createdAt: string;
                            createdBy: number | null;
                            creditRuleVersionId: number | null;
                            electiveCreditsRequired: number;
                            graduationCredits: number;
                            groupId: number;
                            id: number;
                            institutionId: number;
                            items: {
                                /** @enum {string} */
                                assessment: "exam" | "assessment";
                                certificateCodes: string[];
                                code: string;
                                courseId: number;
                                courseVersionId: number;
                                credits: number;
                                id: number;
                                isElective: boolean;
                                latestVersionNo: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                /** @enum {string} */
                                moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                name: string;
                                nameEn: string | null;
                                ownerGroupId: number | null;
                                practiceHours: number;
                                prerequisiteCodes: string[];
                                termNo: number;
                                theoryHours: number;
                                versionNo: number;
                            }[];
                            major: {
                                code: string;
                                groupId: number | null;
                                groupName: string | null;
                                id: number;
                                name: string;
                            } | null;
                            majorId: number;
                            name: string;
                            publishedAt: (string) | null;
                            publishedBy: number | null;
                            reviewComment: string | null;
                            reviewedAt: (string) | null;
                            reviewedBy: number | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            ruleVersion: {
                                effectiveFromCohort: number | null;
                                id: number | null;
                                inForceVersionNo: number | null;
                                lastCohort: number | null;
                                pinned: boolean;
                                versionNo: number | null;
                            };
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "published";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: (string) | null;
                            submittedBy: number | null;
                            texts: {
                                ability: string;
                                entryRequirements: string;
                                graduationRequirements: string;
                                knowledge: string;
                                objective: string;
                                quality: string;
                                studyDuration: string;
                            };
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** 删除草稿（创建人或教务）/ delete a draft (its author or academic affairs) */
        delete: {
            parameters: {
                query?: {
                    revision?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            id: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 实时规则校验（不保存）/ live rule check of an unsaved composition */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        courses: {
                            courseId: number;
                            isElective?: boolean;
                            termNo: number;
                            versionNo?: number;
                        }[];
                        electiveCreditsRequired?: number;
                        graduationCredits?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            metrics: {
                                coreCredits: number;
                                creditsByTerm: number[];
                                crossGroupExtensionCredits: number;
                                electiveOptionCredits: number;
                                extensionPartCredits: number;
                                practiceHours: number;
                                practiceShare: number;
                                requiredCredits: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                sharedExtensionRatio: number;
                                sharedFoundationRatio: number;
                                totalCredits: number;
                                totalHours: number;
                            };
                            passed: boolean;
                            results: {
                                actual: number | null;
                                courses?: string[];
                                message: string;
                                messageKey: string;
                                params: {
                                    [key: string]: string | number | {
                                        en: string;
                                        "zh-CN": string;
                                    };
                                };
                                required: number | null;
                                /** @enum {string} */
                                rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                /** @enum {string} */
                                status: "ok" | "missing" | "over" | "invalid";
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 复制方案到新年级 / copy to another cohort */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cohortYear: number;
                        decisions?: {
                            courseId: number;
                            replacementId?: number;
                            /** @enum {string} */
                            use: "current" | "source" | "replace" | "drop";
                        }[];
                        majorId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            check: {
                                metrics: {
                                    coreCredits: number;
                                    creditsByTerm: number[];
                                    crossGroupExtensionCredits: number;
                                    electiveOptionCredits: number;
                                    extensionPartCredits: number;
                                    practiceHours: number;
                                    practiceShare: number;
                                    requiredCredits: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    sharedExtensionRatio: number;
                                    sharedFoundationRatio: number;
                                    totalCredits: number;
                                    totalHours: number;
                                };
                                passed: boolean;
                                results: {
                                    actual: number | null;
                                    courses?: string[];
                                    message: string;
                                    messageKey: string;
                                    params: {
                                        [key: string]: string | number | {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                    };
                                    required: number | null;
                                    /** @enum {string} */
                                    rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                    /** @enum {string} */
                                    status: "ok" | "missing" | "over" | "invalid";
                                }[];
                            };
                            clusterId: number;
                            cohortYear: number;
                            copiedFromId: number | null;
                            copyReport: {
                                creditsAfter: number;
                                creditsBefore: number;
                                entries: {
                                    changes: {
                                        field: string;
                                        from: (string | number | string[]) | null;
                                        to: (string | number | string[]) | null;
                                    }[];
                                    code: string;
                                    credits: number;
                                    fromVersion: number;
                                    /** @enum {string} */
                                    kind: "retired" | "new_version";
                                    name: string;
                                    replacement: {
                                        code: string;
                                        credits: number;
                                        name: string;
                                    } | null;
                                    toCredits: number | null;
                                    toVersion: number | null;
                                    /** @enum {string} */
                                    use: "current" | "source" | "replace" | "drop";
                                }[];
                                sourceCohortYear: number;
                                sourceId: number;
                                sourceName: string;
                            } | null;
                            createdAt: string;
                            createdBy: number | null;
                            creditRuleVersionId: number | null;
                            electiveCreditsRequired: number;
                            graduationCredits: number;
                            groupId: number;
                            id: number;
                            institutionId: number;
                            items: {
                                /** @enum {string} */
                                assessment: "exam" | "assessment";
                                certificateCodes: string[];
                                code: string;
                                courseId: number;
                                courseVersionId: number;
                                credits: number;
                                id: number;
                                isElective: boolean;
                                latestVersionNo: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                /** @enum {string} */
                                moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                name: string;
                                nameEn: string | null;
                                ownerGroupId: number | null;
                                practiceHours: number;
                                prerequisiteCodes: string[];
                                termNo: number;
                                theoryHours: number;
                                versionNo: number;
                            }[];
                            major: {
                                code: string;
                                groupId: number | null;
                                groupName: string | null;
                                id: number;
                                name: string;
                            } | null;
                            majorId: number;
                            name: string;
                            publishedAt: (string) | null;
                            publishedBy: number | null;
                            reviewComment: string | null;
                            reviewedAt: (string) | null;
                            reviewedBy: number | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            ruleVersion: {
                                effectiveFromCohort: number | null;
                                id: number | null;
                                inForceVersionNo: number | null;
                                lastCohort: number | null;
                                pinned: boolean;
                                versionNo: number | null;
                            };
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "published";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: (string) | null;
                            submittedBy: number | null;
                            texts: {
                                ability: string;
                                entryRequirements: string;
                                graduationRequirements: string;
                                knowledge: string;
                                objective: string;
                                quality: string;
                                studyDuration: string;
                            };
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}/copy/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 复制前预览：不能原样复制的课程与学分变化（不保存）/ what a copy would change, nothing saved */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cohortYear: number;
                        decisions?: {
                            courseId: number;
                            replacementId?: number;
                            /** @enum {string} */
                            use: "current" | "source" | "replace" | "drop";
                        }[];
                        majorId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carried: number;
                            cohortYear: number;
                            creditsAfter: number;
                            creditsBefore: number;
                            exists: boolean;
                            failures: {
                                message: string;
                                /** @enum {string} */
                                rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                /** @enum {string} */
                                status: "ok" | "missing" | "over" | "invalid";
                            }[];
                            issues: {
                                changes: {
                                    field: string;
                                    from: (string | number | string[]) | null;
                                    to: (string | number | string[]) | null;
                                }[];
                                code: string;
                                courseId: number;
                                credits: number;
                                fromVersion: number;
                                isElective: boolean;
                                /** @enum {string} */
                                kind: "retired" | "new_version";
                                name: string;
                                nameEn: string | null;
                                replacementId: number | null;
                                replacements: {
                                    code: string;
                                    courseId: number;
                                    credits: number;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    /** @enum {string} */
                                    moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                    name: string;
                                    nameEn: string | null;
                                    ownerGroupId: number | null;
                                }[];
                                suggestedReplacementId: number | null;
                                termNo: number;
                                toCredits: number | null;
                                toVersion: number | null;
                                /** @enum {string} */
                                use: "current" | "source" | "replace" | "drop";
                                uses: ("current" | "source" | "replace" | "drop")[];
                            }[];
                            majorId: number;
                            name: string;
                            passed: boolean;
                            sourceId: number;
                            sourceName: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}/export.docx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出人才培养方案 (.docx) / export as .docx */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出课程设置与学时分配表 (.xlsx) / export as .xlsx */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交/撤回/审核/退回/发布 / submit, withdraw, approve, reject, publish */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "submit" | "withdraw" | "approve" | "reject" | "publish";
                        comment?: string;
                        revision?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            check: {
                                metrics: {
                                    coreCredits: number;
                                    creditsByTerm: number[];
                                    crossGroupExtensionCredits: number;
                                    electiveOptionCredits: number;
                                    extensionPartCredits: number;
                                    practiceHours: number;
                                    practiceShare: number;
                                    requiredCredits: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    sharedExtensionRatio: number;
                                    sharedFoundationRatio: number;
                                    totalCredits: number;
                                    totalHours: number;
                                };
                                passed: boolean;
                                results: {
                                    actual: number | null;
                                    courses?: string[];
                                    message: string;
                                    messageKey: string;
                                    params: {
                                        [key: string]: string | number | {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                    };
                                    required: number | null;
                                    /** @enum {string} */
                                    rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                    /** @enum {string} */
                                    status: "ok" | "missing" | "over" | "invalid";
                                }[];
                            };
                            clusterId: number;
                            cohortYear: number;
                            copiedFromId: number | null;
                            copyReport: {
                                creditsAfter: number;
                                creditsBefore: number;
                                entries: {
                                    changes: {
                                        field: string;
                                        from: (string | number | string[]) | null;
                                        to: (string | number | string[]) | null;
                                    }[];
                                    code: string;
                                    credits: number;
                                    fromVersion: number;
                                    /** @enum {string} */
                                    kind: "retired" | "new_version";
                                    name: string;
                                    replacement: {
                                        code: string;
                                        credits: number;
                                        name: string;
                                    } | null;
                                    toCredits: number | null;
                                    toVersion: number | null;
                                    /** @enum {string} */
                                    use: "current" | "source" | "replace" | "drop";
                                }[];
                                sourceCohortYear: number;
                                sourceId: number;
                                sourceName: string;
                            } | null;
                            createdAt: string;
                            createdBy: number | null;
                            creditRuleVersionId: number | null;
                            electiveCreditsRequired: number;
                            graduationCredits: number;
                            groupId: number;
                            id: number;
                            institutionId: number;
                            items: {
                                /** @enum {string} */
                                assessment: "exam" | "assessment";
                                certificateCodes: string[];
                                code: string;
                                courseId: number;
                                courseVersionId: number;
                                credits: number;
                                id: number;
                                isElective: boolean;
                                latestVersionNo: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                /** @enum {string} */
                                moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                name: string;
                                nameEn: string | null;
                                ownerGroupId: number | null;
                                practiceHours: number;
                                prerequisiteCodes: string[];
                                termNo: number;
                                theoryHours: number;
                                versionNo: number;
                            }[];
                            major: {
                                code: string;
                                groupId: number | null;
                                groupName: string | null;
                                id: number;
                                name: string;
                            } | null;
                            majorId: number;
                            name: string;
                            publishedAt: (string) | null;
                            publishedBy: number | null;
                            reviewComment: string | null;
                            reviewedAt: (string) | null;
                            reviewedBy: number | null;
                            revision: number;
                            rules: {
                                coreCredits: number;
                                crossGroupExtensionCredits: number;
                                practiceShareMin: number;
                                sharedCourseCount: number;
                                sharedCredits: number;
                                termCount: number;
                                termCreditsMax: number;
                                totalCreditsMax: number;
                                totalCreditsMin: number;
                            };
                            ruleVersion: {
                                effectiveFromCohort: number | null;
                                id: number | null;
                                inForceVersionNo: number | null;
                                lastCohort: number | null;
                                pinned: boolean;
                                versionNo: number | null;
                            };
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "published";
                            statusLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            submittedAt: (string) | null;
                            submittedBy: number | null;
                            texts: {
                                ability: string;
                                entryRequirements: string;
                                graduationRequirements: string;
                                knowledge: string;
                                objective: string;
                                quality: string;
                                studyDuration: string;
                            };
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/programmes/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 两个方案对比 / compare two programmes */
        get: {
            parameters: {
                query: {
                    left: number;
                    right: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                added: number;
                                changed: number;
                                removed: number;
                                same: number;
                            };
                            left: {
                                cohortYear: number;
                                failures: {
                                    message: string;
                                    /** @enum {string} */
                                    rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                    /** @enum {string} */
                                    status: "ok" | "missing" | "over" | "invalid";
                                }[];
                                id: number;
                                major: {
                                    code: string;
                                    groupId: number | null;
                                    groupName: string | null;
                                    id: number;
                                    name: string;
                                } | null;
                                metrics: {
                                    coreCredits: number;
                                    creditsByTerm: number[];
                                    crossGroupExtensionCredits: number;
                                    electiveOptionCredits: number;
                                    extensionPartCredits: number;
                                    practiceHours: number;
                                    practiceShare: number;
                                    requiredCredits: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    sharedExtensionRatio: number;
                                    sharedFoundationRatio: number;
                                    totalCredits: number;
                                    totalHours: number;
                                };
                                name: string;
                                passed: boolean;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "published";
                            };
                            right: {
                                cohortYear: number;
                                failures: {
                                    message: string;
                                    /** @enum {string} */
                                    rule: "shared_course_count" | "shared_credits" | "core_credits" | "cross_group_extension_credits" | "practice_share" | "total_credits" | "graduation_credits" | "term_credits" | "elective_options" | "elective_not_cross_group" | "core_from_other_group" | "term_range" | "prerequisite_order";
                                    /** @enum {string} */
                                    status: "ok" | "missing" | "over" | "invalid";
                                }[];
                                id: number;
                                major: {
                                    code: string;
                                    groupId: number | null;
                                    groupName: string | null;
                                    id: number;
                                    name: string;
                                } | null;
                                metrics: {
                                    coreCredits: number;
                                    creditsByTerm: number[];
                                    crossGroupExtensionCredits: number;
                                    electiveOptionCredits: number;
                                    extensionPartCredits: number;
                                    practiceHours: number;
                                    practiceShare: number;
                                    requiredCredits: number;
                                    sharedCourseCount: number;
                                    sharedCredits: number;
                                    sharedExtensionRatio: number;
                                    sharedFoundationRatio: number;
                                    totalCredits: number;
                                    totalHours: number;
                                };
                                name: string;
                                passed: boolean;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "published";
                            };
                            rows: {
                                /** @enum {string} */
                                change: "added" | "removed" | "changed" | "same";
                                changes: {
                                    field: string;
                                    from: (string | number | boolean | string[]) | null;
                                    to: (string | number | boolean | string[]) | null;
                                }[];
                                code: string;
                                differences: string[];
                                left: {
                                    /** @enum {string} */
                                    assessment: "exam" | "assessment";
                                    certificateCodes: string[];
                                    code: string;
                                    courseId: number;
                                    courseVersionId: number;
                                    credits: number;
                                    id: number;
                                    isElective: boolean;
                                    latestVersionNo: number;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    /** @enum {string} */
                                    moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                    name: string;
                                    nameEn: string | null;
                                    ownerGroupId: number | null;
                                    practiceHours: number;
                                    prerequisiteCodes: string[];
                                    termNo: number;
                                    theoryHours: number;
                                    versionNo: number;
                                } | null;
                                name: string;
                                right: {
                                    /** @enum {string} */
                                    assessment: "exam" | "assessment";
                                    certificateCodes: string[];
                                    code: string;
                                    courseId: number;
                                    courseVersionId: number;
                                    credits: number;
                                    id: number;
                                    isElective: boolean;
                                    latestVersionNo: number;
                                    /** @enum {string} */
                                    layer: "shared" | "core" | "extension";
                                    /** @enum {string} */
                                    moduleType: "ideology_culture" | "professional" | "extension" | "innovation";
                                    name: string;
                                    nameEn: string | null;
                                    ownerGroupId: number | null;
                                    practiceHours: number;
                                    prerequisiteCodes: string[];
                                    termNo: number;
                                    theoryHours: number;
                                    versionNo: number;
                                } | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/credentials/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 验证可验证学分证明（公开）/ verify a credential (public) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            achievement: {
                                achievementType: string | null;
                                creditsAvailable: number | null;
                                creditsEarned: number | null;
                                criteria: string | null;
                                description: string | null;
                                humanCode: string | null;
                                id: string | null;
                                name: string | null;
                                result: string[];
                            };
                            checks: {
                                /** @enum {string} */
                                check: "format" | "issuer" | "key" | "signature" | "status" | "validity";
                                message: string;
                                ok: boolean;
                            }[];
                            credential: {
                                awardedDate: string | null;
                                id: string | null;
                                name: string | null;
                                validFrom: string | null;
                                validUntil: string | null;
                            };
                            issuer: {
                                id: string;
                                known: boolean;
                                name: string | null;
                            };
                            revoked: boolean;
                            verified: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/issuers/{institutionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 签发机构档案与公钥（公开）/ issuer profile and keys (public) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    institutionId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            "@context": (string | {
                                [key: string]: unknown;
                            })[];
                            assertionMethod: string[];
                            id: string;
                            name: string;
                            type: string[];
                            verificationMethod: ({
                                controller: string;
                                id: string;
                                publicKeyMultibase: string;
                                /** @enum {string} */
                                type: "Multikey";
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 首次设置是否开放、是否有演示账号 / is first-run setup open, are there demo logins */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            demoLogins: boolean;
                            needed: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        /** 首次设置：用一次性设置码创建第一位管理员 / first run: the first administrator, with the one-time setup code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allianceName?: string | null;
                        displayName?: string | null;
                        password: string;
                        token: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scope: string;
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/sign-in-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 登录页可用的统一身份认证 / identity providers offered on the sign-in page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providers: {
                                id: number;
                                institutionId: number;
                                name: string;
                                nameEn: string | null;
                                /** @enum {string} */
                                protocol: "oidc" | "cas";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/status-lists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 撤销状态列表（公开）/ revocation status list (public) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            "@context": (string | {
                                [key: string]: unknown;
                            })[];
                            credentialSubject: {
                                encodedList: string;
                                id: string;
                                /** @enum {string} */
                                statusPurpose: "revocation";
                                /** @enum {string} */
                                type: "BitstringStatusList";
                            } & {
                                [key: string]: unknown;
                            };
                            id: string;
                            issuer: string;
                            proof: {
                                created: string;
                                /** @enum {string} */
                                cryptosuite: "eddsa-rdfc-2022";
                                proofPurpose: string;
                                proofValue: string;
                                /** @enum {string} */
                                type: "DataIntegrityProof";
                                verificationMethod: string;
                            } & {
                                [key: string]: unknown;
                            };
                            type: string[];
                            validFrom: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/transcripts/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 核验纸质成绩单上的证明（公开，二维码）/ the credentials of a printed transcript, verified (public, QR code) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            institutionName: string;
                            items: {
                                credential: {
                                    "@context": (string | {
                                        [key: string]: unknown;
                                    })[];
                                    awardedDate: string;
                                    credentialStatus: {
                                        id: string;
                                        statusListCredential: string;
                                        statusListIndex: string;
                                        /** @enum {string} */
                                        statusPurpose: "revocation";
                                        /** @enum {string} */
                                        type: "BitstringStatusListEntry";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    credentialSubject: {
                                        achievement: {
                                            /** @enum {string} */
                                            achievementType: "Certificate" | "Certification" | "Award" | "Course";
                                            creditsAvailable: number;
                                            criteria: {
                                                narrative: string;
                                            } & {
                                                [key: string]: unknown;
                                            };
                                            description: string;
                                            humanCode?: string;
                                            id: string;
                                            inLanguage: string;
                                            name: string;
                                            type: string[];
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        creditsEarned: number;
                                        identifier: ({
                                            hashed: boolean;
                                            identityHash: string;
                                            /** @enum {string} */
                                            identityType: "sisSourcedId" | "name";
                                            salt: string;
                                            /** @enum {string} */
                                            type: "IdentityObject";
                                        } & {
                                            [key: string]: unknown;
                                        })[];
                                        result?: ({
                                            type: string[];
                                            value: string;
                                        } & {
                                            [key: string]: unknown;
                                        })[];
                                        type: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    description: string;
                                    id: string;
                                    issuer: {
                                        id: string;
                                        name: string;
                                        type: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    name: string;
                                    proof: {
                                        created: string;
                                        /** @enum {string} */
                                        cryptosuite: "eddsa-rdfc-2022";
                                        proofPurpose: string;
                                        proofValue: string;
                                        /** @enum {string} */
                                        type: "DataIntegrityProof";
                                        verificationMethod: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    type: string[];
                                    validFrom: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                verification: {
                                    achievement: {
                                        achievementType: string | null;
                                        creditsAvailable: number | null;
                                        creditsEarned: number | null;
                                        criteria: string | null;
                                        description: string | null;
                                        humanCode: string | null;
                                        id: string | null;
                                        name: string | null;
                                        result: string[];
                                    };
                                    checks: {
                                        /** @enum {string} */
                                        check: "format" | "issuer" | "key" | "signature" | "status" | "validity";
                                        message: string;
                                        ok: boolean;
                                    }[];
                                    credential: {
                                        awardedDate: string | null;
                                        id: string | null;
                                        name: string | null;
                                        validFrom: string | null;
                                        validUntil: string | null;
                                    };
                                    issuer: {
                                        id: string;
                                        known: boolean;
                                        name: string | null;
                                    };
                                    revoked: boolean;
                                    verified: boolean;
                                };
                            }[];
                            printedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 开课教学班 / sections of a term */
        get: {
            parameters: {
                query: {
                    courseId?: number;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    teacherId?: number;
                    termId: number;
                    windowId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                capacity: number;
                                code: string;
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                courseVersionId: number;
                                createdAt: string;
                                credits: number;
                                enrolledCount: number;
                                /** @enum {string} */
                                gradeScheme: "percent" | "five_level" | "pass_fail";
                                gradesPublishedAt: (string) | null;
                                id: number;
                                institutionId: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                meetings: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                }[];
                                ownerGroupId: number | null;
                                room: string | null;
                                seatsLeft: number;
                                /** @enum {string} */
                                status: "open" | "cancelled";
                                teachers: {
                                    id: number;
                                    name: string;
                                }[];
                                termId: number;
                                updatedAt: string;
                                waitlistCount: number;
                                waitlistSeq: number;
                                windowId: number | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** 开课（检查教师/教室/班级冲突）/ create a section (clash-checked) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        capacity: number;
                        classIds?: number[];
                        code: string;
                        courseId: number;
                        /** @enum {string} */
                        gradeScheme?: "percent" | "five_level" | "pass_fail";
                        meetings: {
                            firstPeriod: number;
                            firstWeek: number;
                            lastPeriod: number;
                            lastWeek: number;
                            weekday: number;
                        }[];
                        room?: string | null;
                        teacherIds: number[];
                        termId: number;
                        windowId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number;
                            classes: {
                                code: string;
                                id: number;
                                name: string;
                            }[];
                            code: string;
                            courseCode: string;
                            courseId: number;
                            courseName: string;
                            courseNameEn: string | null;
                            courseVersionId: number;
                            createdAt: string;
                            credits: number;
                            enrolledCount: number;
                            /** @enum {string} */
                            gradeScheme: "percent" | "five_level" | "pass_fail";
                            gradesPublishedAt: (string) | null;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            meetings: {
                                firstPeriod: number;
                                firstWeek: number;
                                lastPeriod: number;
                                lastWeek: number;
                                weekday: number;
                            }[];
                            ownerGroupId: number | null;
                            room: string | null;
                            seatsLeft: number;
                            /** @enum {string} */
                            status: "open" | "cancelled";
                            teachers: {
                                id: number;
                                name: string;
                                staffNo: string;
                            }[];
                            termId: number;
                            updatedAt: string;
                            waitlistCount: number;
                            waitlistSeq: number;
                            windowId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 教学班详情 / a section */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number;
                            classes: {
                                code: string;
                                id: number;
                                name: string;
                            }[];
                            code: string;
                            courseCode: string;
                            courseId: number;
                            courseName: string;
                            courseNameEn: string | null;
                            courseVersionId: number;
                            createdAt: string;
                            credits: number;
                            enrolledCount: number;
                            /** @enum {string} */
                            gradeScheme: "percent" | "five_level" | "pass_fail";
                            gradesPublishedAt: (string) | null;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            meetings: {
                                firstPeriod: number;
                                firstWeek: number;
                                lastPeriod: number;
                                lastWeek: number;
                                weekday: number;
                            }[];
                            ownerGroupId: number | null;
                            room: string | null;
                            seatsLeft: number;
                            /** @enum {string} */
                            status: "open" | "cancelled";
                            teachers: {
                                id: number;
                                name: string;
                                staffNo: string;
                            }[];
                            termId: number;
                            updatedAt: string;
                            waitlistCount: number;
                            waitlistSeq: number;
                            windowId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改教学班（扩容自动递补候补）/ change a section (more seats promote the waitlist) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        capacity?: number;
                        classIds?: number[];
                        code?: string;
                        /** @enum {string} */
                        gradeScheme?: "percent" | "five_level" | "pass_fail";
                        meetings?: {
                            firstPeriod: number;
                            firstWeek: number;
                            lastPeriod: number;
                            lastWeek: number;
                            weekday: number;
                        }[];
                        room?: string | null;
                        teacherIds?: number[];
                        windowId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number;
                            classes: {
                                code: string;
                                id: number;
                                name: string;
                            }[];
                            code: string;
                            courseCode: string;
                            courseId: number;
                            courseName: string;
                            courseNameEn: string | null;
                            courseVersionId: number;
                            createdAt: string;
                            credits: number;
                            enrolledCount: number;
                            /** @enum {string} */
                            gradeScheme: "percent" | "five_level" | "pass_fail";
                            gradesPublishedAt: (string) | null;
                            id: number;
                            institutionId: number;
                            /** @enum {string} */
                            layer: "shared" | "core" | "extension";
                            meetings: {
                                firstPeriod: number;
                                firstWeek: number;
                                lastPeriod: number;
                                lastWeek: number;
                                weekday: number;
                            }[];
                            ownerGroupId: number | null;
                            room: string | null;
                            seatsLeft: number;
                            /** @enum {string} */
                            status: "open" | "cancelled";
                            teachers: {
                                id: number;
                                name: string;
                                staffNo: string;
                            }[];
                            termId: number;
                            updatedAt: string;
                            waitlistCount: number;
                            waitlistSeq: number;
                            windowId: number | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/sections/{id}/enrol-classes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按行政班编入学生 / enrol the section’s classes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            enrolled: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections/{id}/grades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 成绩登记册 / grade book */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            courseCode: string;
                            courseName: string;
                            courseNameEn: string | null;
                            credits: number;
                            levels: {
                                en: string;
                                "zh-CN": string;
                            }[] | null;
                            published: boolean;
                            publishedAt: (string) | null;
                            /** @enum {string} */
                            scheme: "percent" | "five_level" | "pass_fail";
                            schemeLabel: {
                                en: string;
                                "zh-CN": string;
                            };
                            sectionId: number;
                            students: {
                                /** @enum {string|null} */
                                level: "excellent" | "good" | "fair" | "pass" | "fail" | "passed" | "failed" | null;
                                majorName: string;
                                name: string;
                                passed: boolean | null;
                                score: number | null;
                                studentId: number;
                                studentNo: string;
                            }[];
                        };
                    };
                };
            };
        };
        /** 录入成绩（全部或全不）/ enter grades, all or none */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entries: {
                            grade: string | number;
                            studentNo: string;
                        }[];
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            saved: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections/{id}/grades.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载成绩表（含名单）/ download the grade sheet */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections/{id}/grades/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发布成绩并记录学分 / publish grades and record credits */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyPublished: boolean;
                            earned: number;
                            published: boolean;
                            sectionId: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections/{id}/grades/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 上传成绩表 .xlsx / upload a grade sheet */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            saved: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sections/{id}/roster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 选课名单与候补队列 / enrolled students and waitlist */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number;
                            code: string;
                            enrolled: {
                                at: string;
                                enrolmentId: number;
                                majorName: string;
                                name: string;
                                /** @enum {string} */
                                source: "first_come" | "lottery" | "promotion" | "assigned";
                                studentId: number;
                                studentNo: string;
                            }[];
                            enrolledCount: number;
                            sectionId: number;
                            waitlist: {
                                at: string;
                                enrolmentId: number;
                                majorName: string;
                                name: string;
                                position: number;
                                /** @enum {string} */
                                source: "first_come" | "lottery" | "promotion" | "assigned";
                                studentId: number;
                                studentNo: string;
                            }[];
                            waitlistCount: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/selection-windows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 选课轮次 / selection windows */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                    termId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number;
                            closesAt: string;
                            cohortYears: number[];
                            createdAt: string;
                            createdBy: number | null;
                            creditCap: number;
                            drawnAt: string | null;
                            drawnBy: number | null;
                            dropDeadline: string;
                            enrolled: number;
                            id: number;
                            inputsHash: string | null;
                            institutionId: number;
                            lotterySeed: string | null;
                            maxChoices: number;
                            maxCourses: number;
                            /** @enum {string} */
                            mode: "first_come" | "lottery";
                            name: string;
                            opensAt: string;
                            /** @enum {string} */
                            phase: "upcoming" | "open" | "awaiting_draw" | "adjusting" | "closed";
                            resultHash: string | null;
                            sections: number;
                            termId: number;
                            waitlisted: number;
                            waitlistLimit: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新建选课轮次 / create a selection window */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        closesAt: unknown;
                        cohortYears: number[];
                        creditCap: number;
                        dropDeadline: unknown;
                        maxChoices?: number;
                        maxCourses?: number;
                        /** @enum {string} */
                        mode: "first_come" | "lottery";
                        name: string;
                        opensAt: unknown;
                        sectionIds?: number[];
                        termId: number;
                        waitlistLimit?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closesAt: string;
                            cohortYears: number[];
                            createdAt: string;
                            createdBy: number | null;
                            creditCap: number;
                            drawnAt: string | null;
                            drawnBy: number | null;
                            dropDeadline: string;
                            id: number;
                            inputsHash: string | null;
                            institutionId: number;
                            lotterySeed: string | null;
                            maxChoices: number;
                            maxCourses: number;
                            /** @enum {string} */
                            mode: "first_come" | "lottery";
                            name: string;
                            opensAt: string;
                            /** @enum {string} */
                            phase: "upcoming" | "open" | "awaiting_draw" | "adjusting" | "closed";
                            resultHash: string | null;
                            sections: {
                                capacity: number;
                                code: string;
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                credits: number;
                                enrolledCount: number;
                                id: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                meetings: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                }[];
                                ownerGroupId: number | null;
                                prerequisiteCodes: string[];
                                room: string | null;
                                seatsLeft: number;
                                /** @enum {string} */
                                status: "open" | "cancelled";
                                waitlistCount: number;
                            }[];
                            termId: number;
                            waitlistLimit: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/selection-windows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 选课轮次与教学班余量 / a window with seats left */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closesAt: string;
                            cohortYears: number[];
                            createdAt: string;
                            createdBy: number | null;
                            creditCap: number;
                            drawnAt: string | null;
                            drawnBy: number | null;
                            dropDeadline: string;
                            id: number;
                            inputsHash: string | null;
                            institutionId: number;
                            lotterySeed: string | null;
                            maxChoices: number;
                            maxCourses: number;
                            /** @enum {string} */
                            mode: "first_come" | "lottery";
                            name: string;
                            opensAt: string;
                            /** @enum {string} */
                            phase: "upcoming" | "open" | "awaiting_draw" | "adjusting" | "closed";
                            resultHash: string | null;
                            sections: {
                                capacity: number;
                                code: string;
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                credits: number;
                                enrolledCount: number;
                                id: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                meetings: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                }[];
                                ownerGroupId: number | null;
                                prerequisiteCodes: string[];
                                room: string | null;
                                seatsLeft: number;
                                /** @enum {string} */
                                status: "open" | "cancelled";
                                waitlistCount: number;
                            }[];
                            termId: number;
                            waitlistLimit: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改选课轮次 / change a window */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        closesAt?: unknown;
                        cohortYears?: number[];
                        creditCap?: number;
                        dropDeadline?: unknown;
                        maxChoices?: number;
                        maxCourses?: number;
                        name?: string;
                        opensAt?: unknown;
                        sectionIds?: number[];
                        waitlistLimit?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closesAt: string;
                            cohortYears: number[];
                            createdAt: string;
                            createdBy: number | null;
                            creditCap: number;
                            drawnAt: string | null;
                            drawnBy: number | null;
                            dropDeadline: string;
                            id: number;
                            inputsHash: string | null;
                            institutionId: number;
                            lotterySeed: string | null;
                            maxChoices: number;
                            maxCourses: number;
                            /** @enum {string} */
                            mode: "first_come" | "lottery";
                            name: string;
                            opensAt: string;
                            /** @enum {string} */
                            phase: "upcoming" | "open" | "awaiting_draw" | "adjusting" | "closed";
                            resultHash: string | null;
                            sections: {
                                capacity: number;
                                code: string;
                                courseCode: string;
                                courseId: number;
                                courseName: string;
                                courseNameEn: string | null;
                                credits: number;
                                enrolledCount: number;
                                id: number;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                meetings: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                }[];
                                ownerGroupId: number | null;
                                prerequisiteCodes: string[];
                                room: string | null;
                                seatsLeft: number;
                                /** @enum {string} */
                                status: "open" | "cancelled";
                                waitlistCount: number;
                            }[];
                            termId: number;
                            waitlistLimit: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/selection-windows/{id}/draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 志愿抽签（记录种子，可复核）/ run the draw from a recorded seed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        seed?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocated: number;
                            drawnAt: string;
                            inputsHash: string;
                            resultHash: string;
                            seed: string;
                            students: number;
                            waitlisted: number;
                            windowId: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/selection-windows/{id}/draw/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 复核抽签结果 / re-run the recorded draw */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            matches: boolean;
                            recomputedResultHash: string;
                            recordedResultHash: string | null;
                            seed: string;
                            windowId: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/selection-windows/{id}/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 提交志愿（按顺序）/ submit ranked choices */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sectionIds: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sectionIds: number[];
                            windowId: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sign-in-settings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 本校是否允许密码登录 / whether an institution’s people may sign in with a password */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        localLogin: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            institutionId: number;
                            localLogin: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学生名册（分页、搜索、按学籍状态筛选）/ students, paged, searchable, filtered by status */
        get: {
            parameters: {
                query?: {
                    classId?: number;
                    cohortYear?: number;
                    groupId?: number;
                    institutionId?: number;
                    majorId?: number;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    status?: "enrolled" | "suspended" | "graduated" | "withdrawn";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                classId: number | null;
                                className: string | null;
                                cohortYear: number;
                                gender: string | null;
                                id: number;
                                idNumber: string | null;
                                majorCode: string;
                                majorId: number;
                                majorName: string;
                                name: string;
                                phone: string | null;
                                /** @enum {string} */
                                status: "enrolled" | "suspended" | "graduated" | "withdrawn";
                                studentNo: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/students/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学生详情 / a student */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            canReveal: boolean;
                            classCode: string | null;
                            classId: number | null;
                            className: string | null;
                            cohortYear: number;
                            gender: string | null;
                            id: number;
                            idNumber: string | null;
                            institutionId: number;
                            majorCode: string | null;
                            majorId: number;
                            majorName: string | null;
                            name: string;
                            phone: string | null;
                            piiRevealed: boolean;
                            /** @enum {string} */
                            status: "enrolled" | "suspended" | "graduated" | "withdrawn";
                            studentNo: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改学生 / update a student */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        classId?: number | null;
                        name?: string;
                        phone?: string | null;
                        /** @enum {string} */
                        status?: "enrolled" | "suspended" | "graduated" | "withdrawn";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            classId: number | null;
                            cohortYear: number;
                            createdAt: string;
                            gender: string | null;
                            id: number;
                            idNumberMasked: string | null;
                            institutionId: number;
                            majorId: number;
                            name: string;
                            phoneMasked: string | null;
                            /** @enum {string} */
                            status: "enrolled" | "suspended" | "graduated" | "withdrawn";
                            studentNo: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/students/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学生学业进度 / a student’s progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            earned: {
                                code: string;
                                courseId: number;
                                credits: number;
                                crossGroup: boolean;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                name: string;
                                nameEn: string | null;
                                termCode: string;
                                termId: number;
                            }[];
                            inProgress: {
                                code: string;
                                courseId: number;
                                credits: number;
                                crossGroup: boolean;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                name: string;
                                nameEn: string | null;
                                sectionCode: string;
                                termCode: string;
                                termId: number;
                            }[];
                            layers: {
                                core: {
                                    earned: number;
                                    inProgress: number;
                                    remaining: number;
                                    required: number;
                                };
                                crossGroupExtension: {
                                    earned: number;
                                    inProgress: number;
                                    remaining: number;
                                    required: number;
                                };
                                shared: {
                                    earned: number;
                                    inProgress: number;
                                    remaining: number;
                                    required: number;
                                };
                                total: {
                                    earned: number;
                                    inProgress: number;
                                    remaining: number;
                                    required: number;
                                };
                            };
                            outstanding: {
                                code: string;
                                courseId: number;
                                credits: number;
                                crossGroup: boolean;
                                inProgress: boolean;
                                /** @enum {string} */
                                layer: "shared" | "core" | "extension";
                                name: string;
                                nameEn: string | null;
                                termNo: number;
                            }[];
                            programme: {
                                graduationCredits: number;
                                id: number;
                                name: string;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "approved" | "published";
                                statusLabel: string;
                            } | null;
                            student: {
                                cohortYear: number;
                                id: number;
                                majorName: string;
                                name: string;
                                studentNo: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/students/{id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 查看学生完整的身份证号或手机号（逐项，记入审计）/ reveal one personal field of a student (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        field: "idNumber" | "phone";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            field: "idNumber" | "phone";
                            value: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/students/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出筛选后的学生名册（.xlsx，身份证号与手机号脱敏）/ the filtered student list as .xlsx, numbers masked */
        get: {
            parameters: {
                query?: {
                    classId?: number;
                    cohortYear?: number;
                    groupId?: number;
                    institutionId?: number;
                    majorId?: number;
                    q?: string;
                    status?: "enrolled" | "suspended" | "graduated" | "withdrawn";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teachers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 教师名册（分页、搜索、按状态筛选）/ teachers, paged, searchable, filtered by status */
        get: {
            parameters: {
                query?: {
                    dualQualified?: "true" | "false";
                    groupId?: number;
                    institutionId?: number;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    status?: "active" | "left" | "retired" | "inactive";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                departmentId: number | null;
                                departmentName: string | null;
                                gender: string | null;
                                homeGroupId: number | null;
                                homeGroupName: string | null;
                                id: number;
                                idNumber: string | null;
                                isDualQualified: boolean;
                                name: string;
                                phone: string | null;
                                staffNo: string;
                                status: string;
                                title: string | null;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teachers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 教师详情 / a teacher */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            canReveal: boolean;
                            createdAt: string;
                            departmentId: number | null;
                            email: string | null;
                            gender: string | null;
                            homeGroupId: number | null;
                            id: number;
                            idNumber: string | null;
                            institutionId: number;
                            isDualQualified: boolean;
                            name: string;
                            phone: string | null;
                            piiRevealed: boolean;
                            staffNo: string;
                            status: string;
                            title: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teachers/{id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 查看教师完整的身份证号或手机号（逐项，记入审计）/ reveal one personal field of a teacher (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        field: "idNumber" | "phone";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            field: "idNumber" | "phone";
                            value: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teachers/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出筛选后的教师名册（.xlsx，身份证号与手机号脱敏）/ the filtered teacher list as .xlsx, numbers masked */
        get: {
            parameters: {
                query?: {
                    dualQualified?: "true" | "false";
                    groupId?: number;
                    institutionId?: number;
                    q?: string;
                    status?: "active" | "left" | "retired" | "inactive";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学年学期 / terms */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            academicYear: string;
                            code: string;
                            currentWeek: number | null;
                            endsOn: string;
                            firstWeekStartsOn: string;
                            id: number;
                            institutionId: number;
                            startsOn: string;
                            teachingWeeks: number;
                            termNo: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** 新增学期 / create a term */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** Format: date */
                        endsOn: string;
                        /** Format: date */
                        firstWeekStartsOn?: string | null;
                        institutionId?: number;
                        /** Format: date */
                        startsOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            academicYear: string;
                            code: string;
                            currentWeek: number | null;
                            endsOn: string;
                            firstWeekStartsOn: string;
                            id: number;
                            institutionId: number;
                            startsOn: string;
                            teachingWeeks: number;
                            termNo: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改学期起止日期与第一教学周 / change a term’s dates and its first teaching week */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        endsOn?: string;
                        /** Format: date */
                        firstWeekStartsOn?: string;
                        /** Format: date */
                        startsOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            academicYear: string;
                            code: string;
                            currentWeek: number | null;
                            endsOn: string;
                            firstWeekStartsOn: string;
                            id: number;
                            institutionId: number;
                            startsOn: string;
                            teachingWeeks: number;
                            termNo: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/terms/{id}/clashes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 学期排课冲突 / timetable clashes of a term */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clashes: {
                                /** @enum {string} */
                                kind: "teacher" | "room" | "class";
                                meeting: {
                                    firstPeriod: number;
                                    firstWeek: number;
                                    lastPeriod: number;
                                    lastWeek: number;
                                    weekday: number;
                                };
                                message: string;
                                otherCourseName: string;
                                otherSectionCode: string;
                                otherSectionId: number;
                                resource: number | string;
                                sectionCode: string;
                                sectionId: number;
                            }[];
                            count: number;
                            termId: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 用户列表（按角色、范围、单位、状态筛选）/ users, filtered by role, scope, institution and status */
        get: {
            parameters: {
                query?: {
                    institutionId?: number;
                    page?: number;
                    pageSize?: number;
                    q?: string;
                    role?: "admin" | "academic_affairs" | "advisory_member" | "group_lead" | "major_lead" | "lab_manager" | "teacher" | "supervisor" | "student" | "enterprise_partner" | "evaluator";
                    scopeId?: number;
                    scopeType?: "alliance" | "institution" | "cluster" | "group" | "major";
                    status?: "active" | "pending" | "disabled" | "locked";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                displayName: string;
                                email: string | null;
                                grants: {
                                    grantedAt: string;
                                    id: number;
                                    /** @enum {string} */
                                    role: "admin" | "academic_affairs" | "advisory_member" | "group_lead" | "major_lead" | "lab_manager" | "teacher" | "supervisor" | "student" | "enterprise_partner" | "evaluator";
                                    scopeId: number;
                                    scopeLabel: string;
                                    /** @enum {string} */
                                    scopeType: "alliance" | "institution" | "cluster" | "group" | "major";
                                    validFrom: string | null;
                                    validUntil: string | null;
                                }[];
                                id: number;
                                institutionId: number | null;
                                /** @enum {string} */
                                kind: "student" | "teacher" | "partner" | "staff";
                                /** @enum {string} */
                                status: "active" | "pending" | "disabled" | "locked";
                                username: string;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** 创建账号（发放一次性激活码）/ create an account, with a one-time activation code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        /** Format: email */
                        email?: string | null;
                        grants?: {
                            /** @enum {string} */
                            role: "admin" | "academic_affairs" | "advisory_member" | "group_lead" | "major_lead" | "lab_manager" | "teacher" | "supervisor" | "student" | "enterprise_partner" | "evaluator";
                            scopeId: number;
                            /** @enum {string} */
                            scopeType: "alliance" | "institution" | "cluster" | "group" | "major";
                            validFrom?: string | null;
                            validUntil?: string | null;
                        }[];
                        institutionId?: number | null;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activationCode: string;
                            expiresAt: string;
                            id: number;
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 账号详情 / an account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activation: {
                                /** @enum {string} */
                                delivery: "sheet" | "screen" | "email";
                                expiresAt: string;
                            } | null;
                            createdAt: string;
                            displayName: string;
                            email: string | null;
                            failedLogins: {
                                address: string;
                                failures: number;
                                lastFailedAt: string;
                            }[];
                            grants: {
                                grantedAt: string;
                                id: number;
                                /** @enum {string} */
                                role: "admin" | "academic_affairs" | "advisory_member" | "group_lead" | "major_lead" | "lab_manager" | "teacher" | "supervisor" | "student" | "enterprise_partner" | "evaluator";
                                scopeId: number;
                                scopeLabel: string;
                                /** @enum {string} */
                                scopeType: "alliance" | "institution" | "cluster" | "group" | "major";
                                validFrom: string | null;
                                validUntil: string | null;
                            }[];
                            id: number;
                            institutionId: number | null;
                            /** @enum {string} */
                            kind: "student" | "teacher" | "partner" | "staff";
                            /** @enum {string} */
                            locale: "zh-CN" | "en";
                            passwordChangedAt: string;
                            /** @enum {string} */
                            status: "active" | "pending" | "disabled" | "locked";
                            username: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改账号资料 / edit an account */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        /** Format: email */
                        email?: string | null;
                        institutionId?: number | null;
                        /** @enum {string} */
                        locale?: "zh-CN" | "en";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 停用账号（立即结束其所有会话）/ disable an account, ending its sessions at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disabled: boolean;
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 启用账号 / enable an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disabled: boolean;
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 授予角色（可设有效期）/ grant a role on a scope, optionally for a period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "admin" | "academic_affairs" | "advisory_member" | "group_lead" | "major_lead" | "lab_manager" | "teacher" | "supervisor" | "student" | "enterprise_partner" | "evaluator";
                        scopeId: number;
                        /** @enum {string} */
                        scopeType: "alliance" | "institution" | "cluster" | "group" | "major";
                        validFrom?: string | null;
                        validUntil?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/grants/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 撤销角色（立即生效）/ revoke a role, at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    grantId: number;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {boolean} */
                            revoked: true;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重置：原密码作废，发放新的一次性激活码 / reset: the password stops working, a new one-time code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activationCode: string;
                            expiresAt: string;
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解除登录限制 / clear the failed sign-ins */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cleared: number;
                            id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
