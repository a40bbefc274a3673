import { describe, expect, it } from 'vitest'
import { SubscriptionSet } from '../../../src/marketState/subscriptionSet.js'

describe('SubscriptionSet', () => {
  it('accumulates: subscribing B after A keeps A', () => {
    const set = new SubscriptionSet()
    expect(set.add([5])).toBe(true)
    expect(set.add([2])).toBe(true)
    expect(set.ids()).toEqual([2, 5])
    expect(set.add([5])).toBe(false)
  })

  it('release removes only one reference', () => {
    const set = new SubscriptionSet()
    set.add([1, 2])
    set.add([2, 3])
    expect(set.release([1, 2])).toBe(true)
    expect(set.ids()).toEqual([2, 3])
    expect(set.release([2, 3])).toBe(true)
    expect(set.ids()).toEqual([])
    expect(set.release([9])).toBe(false)
  })

  it('remove drops ids whatever their count', () => {
    const set = new SubscriptionSet()
    set.add([1])
    set.add([1, 4])
    expect(set.remove([1])).toBe(true)
    expect(set.ids()).toEqual([4])
    expect(set.remove([1])).toBe(false)
    expect(set.clear()).toBe(true)
    expect(set.size).toBe(0)
  })
})
