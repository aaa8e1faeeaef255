/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** R2: the community a person or organization belongs to. */
export type Community =
  | 'FI_CARRIER_MAC'
  | 'PROVIDER_SUPPLIER';

/** Why a user action was refused; stable, for programs. */
export type ErrorCode =
  | 'ACCOUNT_LOCKED'
  | 'ALREADY_DECIDED'
  | 'ALREADY_HOLDS_ROLE'
  | 'APPLICATION_CLOSED'
  | 'COMMUNITY_MISMATCH'
  | 'DUPLICATE_REQUEST'
  | 'EMAIL_NOT_VERIFIED'
  | 'EMAIL_TAKEN'
  | 'FORBIDDEN'
  | 'INVALID_CODE'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_INPUT'
  | 'INVALID_NPI'
  | 'INVALID_TIN'
  | 'INVALID_ZIP'
  | 'NOT_FOUND'
  | 'ORGANIZATION_EXISTS'
  | 'ORGANIZATION_NOT_APPROVED'
  | 'RATE_LIMITED'
  | 'REASON_REQUIRED'
  | 'REGISTRATION_CLOSED'
  | 'ROLE_CONFLICT'
  | 'SELF_DECISION_FORBIDDEN'
  | 'SURROGATE_GROUP_EXISTS'
  | 'UNAUTHENTICATED'
  | 'WEAK_PASSWORD';

/** R1-R4: a new account. The password needs 12 to 256 characters. */
export type RegisterAccountInput = {
  /** Must be true: the rules of behavior are accepted. */
  acceptTerms: boolean;
  community: Community;
  /** A work e-mail address; a code is sent to it (R3). */
  email: string;
  /** Full name, 1 to 200 characters. */
  name: string;
  /** 12 to 256 characters, not common, not containing name or e-mail. */
  password: string;
  /** Optional, 7 to 32 digits, spaces or +()-. */
  phone?: string | null | undefined;
};

/** The roles a person can hold. */
export type Role =
  | 'BACKUP_SECURITY_OFFICIAL'
  | 'END_USER'
  | 'HELP_DESK'
  | 'INDIVIDUAL_PRACTITIONER'
  | 'SECURITY_OFFICIAL'
  | 'USER_GROUP_ADMINISTRATOR';

/** Whether a role is in force. */
export type RoleStatus =
  | 'ACTIVE'
  | 'REVOKED'
  | 'SUSPENDED';

/** R4: sign in with the e-mail address or the user ID. */
export type SignInInput = {
  /** E-mail address or user ID. */
  login: string;
  password: string;
};

/** R3: the 6-digit code sent to the signed-in person's e-mail address. */
export type VerifyEmailInput = {
  code: string;
};

export type RegisterAccountMutationVariables = Exact<{
  input: RegisterAccountInput;
}>;


export type RegisterAccountMutation = { registerAccount: { viewer: { id: string, userId: string, name: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ResendVerificationCodeMutationVariables = Exact<{ [key: string]: never; }>;


export type ResendVerificationCodeMutation = { resendVerificationCode: { viewer: { id: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { viewer: { id: string, userId: string, name: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type VerifyEmailMutationVariables = Exact<{
  input: VerifyEmailInput;
}>;


export type VerifyEmailMutation = { verifyEmail: { viewer: { id: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, userId: string, name: string, email: string, community: Community, emailVerified: boolean, roles: Array<{ id: string, role: Role, status: RoleStatus, grantedAt: string, certifyBy: string | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null, grantedBy: { id: string, name: string } | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const RegisterAccountDocument = new TypedDocumentString(`
    mutation RegisterAccount($input: RegisterAccountInput!) {
  registerAccount(input: $input) {
    viewer {
      id
      userId
      name
      emailVerified
    }
    errors {
      code
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterAccountMutation, RegisterAccountMutationVariables>;
export const ResendVerificationCodeDocument = new TypedDocumentString(`
    mutation ResendVerificationCode {
  resendVerificationCode {
    viewer {
      id
    }
    errors {
      code
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<ResendVerificationCodeMutation, ResendVerificationCodeMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    viewer {
      id
      userId
      name
      emailVerified
    }
    errors {
      code
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const VerifyEmailDocument = new TypedDocumentString(`
    mutation VerifyEmail($input: VerifyEmailInput!) {
  verifyEmail(input: $input) {
    viewer {
      id
      emailVerified
    }
    errors {
      code
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    id
    userId
    name
    email
    community
    emailVerified
    roles {
      id
      role
      status
      grantedAt
      certifyBy
      organization {
        id
        legalBusinessName
      }
      userGroup {
        id
        name
      }
      company {
        id
        name
      }
      application {
        id
        name
      }
      grantedBy {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;