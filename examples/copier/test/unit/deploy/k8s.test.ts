/**
 * The Kubernetes example (deploy/k8s) cannot run here: this checks that its config is valid for the
 * copier and a fleet (PostgreSQL state, every password a reference), and that every reference the
 * config makes is a key of the Secret the Deployment loads.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseConfig } from '../../../src/config/load.js'

const k8s = fileURLToPath(new URL('../../../deploy/k8s/', import.meta.url))
const read = (name: string) => parse(readFileSync(`${k8s}${name}`, 'utf8'))

describe('Kubernetes example', () => {
  const secret = read('secret.yaml')
  const configMap = read('configmap.yaml')
  const deployment = read('deployment.yaml')
  const config = parseConfig(parse(configMap.data['copier.yaml']))

  it('is a fleet: PostgreSQL state, several replicas, passwords by reference only', () => {
    expect(config.state.url).toMatch(/^postgres:\/\//)
    expect(deployment.spec.replicas).toBeGreaterThan(1)
    const refs = [
      config.source.password,
      ...config.targets.map((t) => t.password),
      config.state.password,
      config.http?.token,
    ]
    for (const ref of refs) expect(ref).toMatch(/^env:/)
  })

  it('loads the Secret holding every variable the config references, and mounts the config', () => {
    const container = deployment.spec.template.spec.containers[0]
    expect(container.envFrom[0].secretRef.name).toBe(secret.metadata.name)
    const keys = Object.keys(secret.stringData)
    const refs = [
      config.source.password,
      ...config.targets.map((t) => t.password),
      config.state.password,
      config.http?.token,
    ]
    for (const ref of refs) expect(keys).toContain(String(ref).slice(4))
    expect(deployment.spec.template.spec.volumes[0].configMap.name).toBe(configMap.metadata.name)
    expect(container.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual([
      '/config',
      '/state',
    ])
  })
})
