import { accessSync, constants } from 'node:fs';
import type { TargetName } from '../model/result';
import type { EnvReader } from './envReader';
import type { NetworkConfig, ProxyConfig } from './types';
import { directProxyWords, networkVariables, targetVariable } from './variables';

/**
 * Reads how a target is reached: HTTP_PROXY / HTTPS_PROXY / NO_PROXY (the convention curl,
 * Newman and npm follow; lower-case spellings from the process environment too), overridden
 * per target by `<TARGET>_PROXY` (a proxy URL, or `direct`); `<TARGET>_CA_FILE`; and
 * `<TARGET>_CLIENT_CERT` + `<TARGET>_CLIENT_KEY` for mutual TLS. Files are checked for
 * readability now, so a typo is a load error and not a TLS failure in every case. With the
 * built-in sandbox, HTTP_PROXY/HTTPS_PROXY are not applied (it is on loopback).
 */
export function readNetwork(reader: EnvReader, target: TargetName, context: { sandbox: boolean }): NetworkConfig {
  const proxy = readProxy(reader, target, context);
  const caFile = readableFile(reader, targetVariable(target, 'CA_FILE'));
  const clientCertFile = readableFile(reader, targetVariable(target, 'CLIENT_CERT'));
  const clientKeyFile = readableFile(reader, targetVariable(target, 'CLIENT_KEY'));
  const certVar = targetVariable(target, 'CLIENT_CERT');
  const keyVar = targetVariable(target, 'CLIENT_KEY');
  if ((reader.raw(certVar) === undefined) !== (reader.raw(keyVar) === undefined)) {
    const [set, unset] = reader.raw(certVar) ? [certVar, keyVar] : [keyVar, certVar];
    reader.missing(unset, `${set} is set, and mutual TLS needs the client certificate and its private key together`);
  }
  // Mutual TLS needs both files: with one of them missing (reported above), neither is used.
  const mutualTls = Boolean(clientCertFile && clientKeyFile);
  return {
    proxy,
    caFile,
    clientCertFile: mutualTls ? clientCertFile : undefined,
    clientKeyFile: mutualTls ? clientKeyFile : undefined,
  };
}

function readProxy(reader: EnvReader, target: TargetName, context: { sandbox: boolean }): ProxyConfig | undefined {
  const noProxy = (firstSet(reader, networkVariables.NO_PROXY.names) ?? '')
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const overrideVar = targetVariable(target, 'PROXY');
  const override = reader.string(overrideVar);
  if (override !== undefined && override !== '') {
    if (directProxyWords.includes(override.toLowerCase())) return undefined;
    const url = proxyUrl(reader, overrideVar);
    return url === undefined ? undefined : { http: url, https: url, noProxy };
  }
  // The built-in sandbox listens on loopback in this very process: a machine-wide proxy (CI
  // runners often export one) must not carry its traffic. A per-target *_PROXY still applies.
  if (context.sandbox) return undefined;
  const http = proxyUrl(reader, firstSetName(reader, networkVariables.HTTP_PROXY.names));
  const https = proxyUrl(reader, firstSetName(reader, networkVariables.HTTPS_PROXY.names));
  if (http === undefined && https === undefined) return undefined;
  return { http, https, noProxy };
}

/** A proxy URL: http(s), may carry user:password (a proxy login is a secret, registered with the redactor). */
function proxyUrl(reader: EnvReader, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const found = reader.raw(name)!;
  const text = found.value.trim();
  if (text === '') return undefined;
  // `proxy.corp:3128` without a scheme is common in the wild; curl reads it as http://.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    reader.invalid(found, 'is not a proxy URL', `Write ${name}=http://proxy.example.com:3128 (or ${directProxyWords[0]} for no proxy).`);
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    reader.invalid(found, `the proxy scheme "${parsed.protocol}" is not supported`, 'Use an http:// or https:// forward proxy.');
    return undefined;
  }
  return withScheme;
}

function firstSetName(reader: EnvReader, names: readonly string[]): string | undefined {
  return names.find((name) => reader.raw(name) !== undefined);
}

function firstSet(reader: EnvReader, names: readonly string[]): string | undefined {
  const name = firstSetName(reader, names);
  return name === undefined ? undefined : reader.raw(name)!.value;
}

function readableFile(reader: EnvReader, name: string): string | undefined {
  const file = reader.path(name);
  if (file === undefined) return undefined;
  try {
    accessSync(file, constants.R_OK);
    return file;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    reader.invalid(reader.raw(name)!, `cannot read the file (${code})`, `${name} is a PEM file path, absolute or relative to the project root.`);
    return undefined;
  }
}
