// Which stack frames can name a crash. The top of a stack is usually machinery that *noticed* the bug (the
// sanitizer, the WARN trap, the lock validator, printk) or a generic helper the buggy code called
// (memcpy, mutex_lock, kfree, list_add, copy_to_user); neither tells two bugs apart. Following syzbot, a
// frame whose name matches any of these patterns is skipped and the first remaining one is the guilty
// frame. The list is matched as unanchored regular expressions against the bare function name.

export const GENERIC_SKIPS: readonly string[] = [
  // Sanitizers and their reporting paths.
  '__sanitizer', '__asan', 'kasan', 'hwasan', '__msan', 'kmsan', 'kcsan_setup_watchpoint',
  'check_memory_region', 'check_heap_object', 'check_object', 'read_word_at_a_time',
  '(read|write)_once_.*nocheck', 'print_address_description', 'panic', 'invalid_op', 'report_bug',
  'fixup_bug', 'print_report', 'print_usage_bug', 'do_error', '_trap$|do_trap', 'show_stack', 'dump_stack',
  'walk_stack', 'dump_backtrace', 'unwind_backtrace', 'warn_slowpath', 'warn_on_slowpath', 'warn_alloc', 'warn_bogus', '__warn',
  // Allocators: a leak or overflow is the caller's.
  'alloc_page', 'k?v?(?:m|z|c)alloc', 'krealloc', 'kmem_cache', 'allocate_slab', '__alloc_frozen_pages_noprof',
  'folio_(?:alloc|unlock)', 'filemap_alloc_folio', '__filemap_get_folio', 'find_or_create_page',
  'do_read_cache_folio', 'read_cache_page', 'pagecache_get_page', 'grab_cache_page_write_begin', 'slab_',
  'debug_object', 'timer_is_static_object', 'work_is_static_object', '__might_fault',
  // Locking and the lock validator.
  'print_unlock', 'imbalance_bug', 'lockdep', 'bh_enable', 'bh_disable', 'perf_trace', 'lock_acquire',
  'lock_release', 'lock_class', 'mark_lock', '(reacquire|mark)_held_locks', 'raw_spin_rq', 'spin_lock',
  'spin_trylock', 'spin_unlock', 'read_lock', 'read_trylock', 'write_lock', 'write_trylock', 'read_unlock',
  'write_unlock', '^down$', 'down_read', 'down_write', 'down_read_trylock', 'down_write_trylock',
  'down_trylock', 'up_read', 'up_write', '^mutex_', '^__mutex_', '^rt_mutex_', 'owner_on_cpu', 'osq_lock',
  'osq_unlock', 'atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)',
  '(set|clear|change|test)_bit', '__wake_up', '^refcount_', '^kref_', 'ref_tracker', 'seqprop_assert',
  // String, memory and user-copy helpers.
  'memcpy', 'memcmp', 'memset', 'memchr', 'memmove', 'memdup', 'strcmp', 'strncmp', 'strcpy', 'strlcpy',
  'strncpy', 'strscpy', 'strlen', 'strstr', 'strnstr', 'strnlen', 'strchr', 'strdup', 'strndup',
  'copy_to_user', 'copy_from_user', 'copy_to_iter', 'copy_from_iter', 'copy_page_to_iter',
  'copy_page_from_iter', 'copy_folio_to_iter', '^copyin$', '^copyout$', 'put_user', 'get_user',
  'might_fault', 'might_sleep',
  // Debug lists and trees report the caller's corruption.
  'list_add', 'list_del', 'list_replace', 'list_move', 'list_splice', '^rb_', '^__rb_',
  '_indirect_thunk_', // retpolines
  // printk and friends.
  'string', 'pointer', 'snprintf', 'scnprintf', 'kasprintf', 'kvasprintf', 'printk', 'va_format', 'dev_info',
  'dev_notice', 'dev_warn', 'dev_err', 'dev_alert', 'dev_crit', 'dev_emerg', 'program_check_exception',
  'program_check_common',
  // Teardown helpers that wait for or release someone else's object.
  'del_timer', 'flush_work', '__cancel_work_timer', 'cancel_work_sync', 'try_to_grab_pending',
  'flush_workqueue', 'drain_workqueue', 'destroy_workqueue', 'queue_work', 'finish_wait', 'kthread_stop',
  'kobject_', 'add_uevent_var', 'get_device_parent', 'device_add', 'device_del', 'device_unregister',
  'device_destroy', 'device_release', 'devres_release_all', 'hwrng_unregister', 'i2c_del_adapter',
  '__unregister_client', 'device_for_each_child', 'rollback_registered', 'unregister_netdev', 'sysfs_remove',
  'device_remove_file', 'tty_unregister_device', 'dummy_urb_enqueue', 'usb_kill_urb', 'usb_kill_anchored_urbs',
  'usb_control_msg', 'usb_hcd_submit_urb', 'usb_submit_urb', '^complete$', 'wait_for_completion', '^kv?free$',
  'kfree_skb',
  // MMIO accessors, checksums and other leaf helpers.
  'readb$', 'readw$', 'readl$', 'readq$', 'writeb$', 'writew$', 'writel$', 'writeq$', 'logic_in', 'logic_out',
  String.raw`^crc\d+`, 'crc_itu_t', '__might_resched', 'assertfail', '^iput$', '^iput_final$', '^ihold$',
  'hex_dump_to_buffer', 'print_hex_dump', '^klist_', '(trace|lockdep)_(hard|soft)irq', '^(un)?lock_page',
  'stack_trace_consume_entry', 'arch_stack_walk', 'stack_trace_save', 'insert_work', '__queue_delayed_work',
  'queue_delayed_work_on', 'ida_free',
  // arm64 translation-fault handling.
  'do_(kernel|translation)_fault', 'do_mem_abort', 'el1_abort', 'el1h_64_sync(?:_handler)?',
  'print_tainted', 'xas_(?:start|load|find)', 'find_lock_entries', 'truncate_inode_pages_range', '__phys_addr',
  '__fortify_report', 'cleanup_srcu_struct', 'rhashtable_lookup', 'extract_(user|iter)_to_sg', 'drop_nlink',
  '^get_taint$', '^put_device$', 'lock_timer_base', '__timer_delete_sync', 'sk_stop_timer_sync', '__mod_timer',
  'fast_dput', 'dput',
  // Buffer-head helpers WARN about the caller's misuse (a dirtied buffer that was never read).
  '^mark_buffer_dirty$',
];

/**
 * Syscall entry wrappers differ by arch and kernel version (`__x64_sys_open`, `SyS_open`, `__se_sys_open`);
 * dropping them lets the same bug get the same title everywhere. The shortest stripped form wins.
 */
const SYSCALL_PREFIXES = [
  'SYSC_', 'SyS_', 'sys_', '__x64_', '__ia32_', '__arm64_', '____sys_', '___sys_', '__sys_', '__se_', '__se_sys_',
  '__do_sys_', 'compat_SYSC_', 'compat_SyS_', 'ksys_',
];

export function stripSyscallPrefix(frame: string): string {
  let best = frame;
  for (const prefix of SYSCALL_PREFIXES) {
    if (frame.startsWith(prefix) && frame.length - prefix.length < best.length) best = frame.slice(prefix.length);
  }
  return best;
}

const skipCache = new Map<string, RegExp>();

/** One regular expression for the generic skips plus a format's own. */
export function skipPattern(extra: readonly string[] = []): RegExp {
  const key = extra.join('\u0000');
  let re = skipCache.get(key);
  if (!re) {
    re = new RegExp([...GENERIC_SKIPS, ...extra].join('|'));
    skipCache.set(key, re);
  }
  return re;
}
