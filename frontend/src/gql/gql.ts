/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation RegisterAccount($input: RegisterAccountInput!) {\n    registerAccount(input: $input) {\n      viewer {\n        id\n        userId\n        name\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.RegisterAccountDocument,
    "\n  mutation ResendVerificationCode {\n    resendVerificationCode {\n      viewer {\n        id\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ResendVerificationCodeDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n        userId\n        name\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      viewer {\n        id\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      userId\n      name\n      email\n      community\n      emailVerified\n      roles {\n        id\n        role\n        status\n        grantedAt\n        certifyBy\n        organization {\n          id\n          legalBusinessName\n        }\n        userGroup {\n          id\n          name\n        }\n        company {\n          id\n          name\n        }\n        application {\n          id\n          name\n        }\n        grantedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  mutation RegisterAccount($input: RegisterAccountInput!) {\n    registerAccount(input: $input) {\n      viewer {\n        id\n        userId\n        name\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.RegisterAccountDocument,
    "\n  mutation ResendVerificationCode {\n    resendVerificationCode {\n      viewer {\n        id\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ResendVerificationCodeDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n        userId\n        name\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      viewer {\n        id\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      userId\n      name\n      email\n      community\n      emailVerified\n      roles {\n        id\n        role\n        status\n        grantedAt\n        certifyBy\n        organization {\n          id\n          legalBusinessName\n        }\n        userGroup {\n          id\n          name\n        }\n        company {\n          id\n          name\n        }\n        application {\n          id\n          name\n        }\n        grantedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterAccount($input: RegisterAccountInput!) {\n    registerAccount(input: $input) {\n      viewer {\n        id\n        userId\n        name\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): typeof import('./graphql').RegisterAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerificationCode {\n    resendVerificationCode {\n      viewer {\n        id\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): typeof import('./graphql').ResendVerificationCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n        userId\n        name\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      viewer {\n        id\n        emailVerified\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): typeof import('./graphql').VerifyEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      userId\n      name\n      email\n      community\n      emailVerified\n      roles {\n        id\n        role\n        status\n        grantedAt\n        certifyBy\n        organization {\n          id\n          legalBusinessName\n        }\n        userGroup {\n          id\n          name\n        }\n        company {\n          id\n          name\n        }\n        application {\n          id\n          name\n        }\n        grantedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
