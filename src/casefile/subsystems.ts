// Which kernel subsystem a file belongs to: the longest matching path prefix in a table of the common trees
// (after MAINTAINERS' broad sections). Used for the case's `subsystem`, from the files the fix touches.

const TABLE: [prefix: string, subsystem: string][] = [
  ['arch/x86/kvm/', 'KVM (x86)'],
  ['arch/x86/mm/', 'x86 memory management'],
  ['arch/x86/', 'x86'],
  ['arch/arm64/', 'arm64'],
  ['arch/arm/', 'ARM'],
  ['arch/powerpc/', 'powerpc'],
  ['arch/s390/', 's390'],
  ['arch/riscv/', 'RISC-V'],
  ['arch/', 'architecture code'],
  ['mm/kasan/', 'KASAN'],
  ['mm/slub.c', 'slab allocator'],
  ['mm/slab', 'slab allocator'],
  ['mm/vmalloc.c', 'vmalloc'],
  ['mm/', 'memory management'],
  ['include/linux/mm', 'memory management'],
  ['include/linux/slab', 'slab allocator'],
  ['include/linux/list', 'core kernel (lists)'],
  ['include/linux/rcu', 'RCU'],
  ['kernel/rcu/', 'RCU'],
  ['kernel/sched/', 'scheduler'],
  ['kernel/locking/', 'locking'],
  ['kernel/time/', 'timers'],
  ['kernel/irq/', 'IRQ subsystem'],
  ['kernel/bpf/', 'BPF'],
  ['kernel/trace/', 'tracing'],
  ['kernel/kcov.c', 'KCOV'],
  ['kernel/power/', 'power management (suspend/hibernate)'],
  ['kernel/', 'core kernel'],
  ['fs/ext4/', 'ext4'],
  ['fs/jbd2/', 'ext4 (jbd2 journal)'],
  ['fs/btrfs/', 'btrfs'],
  ['fs/xfs/', 'XFS'],
  ['fs/f2fs/', 'f2fs'],
  ['fs/nfs/', 'NFS client'],
  ['fs/nfsd/', 'NFS server'],
  ['fs/exfat/', 'exFAT'],
  ['fs/fat/', 'FAT'],
  ['fs/iomap/', 'iomap'],
  ['fs/ocfs2/', 'OCFS2'],
  ['fs/overlayfs/', 'overlayfs'],
  ['fs/', 'VFS and filesystems'],
  ['block/', 'block layer'],
  ['drivers/block/', 'block drivers'],
  ['drivers/nvme/', 'NVMe'],
  ['drivers/scsi/', 'SCSI'],
  ['drivers/ata/', 'ATA'],
  ['drivers/md/', 'device mapper and MD'],
  ['drivers/gpu/drm/', 'DRM (graphics)'],
  ['drivers/net/wireless/', 'wireless drivers'],
  ['drivers/net/', 'network drivers'],
  ['drivers/usb/', 'USB'],
  ['drivers/pci/', 'PCI'],
  ['drivers/acpi/', 'ACPI'],
  ['drivers/base/', 'driver core'],
  ['drivers/mmc/', 'MMC/SD'],
  ['drivers/input/', 'input'],
  ['drivers/tty/', 'TTY'],
  ['drivers/char/', 'character devices'],
  ['drivers/virtio/', 'virtio'],
  ['drivers/iommu/', 'IOMMU'],
  ['drivers/', 'drivers'],
  ['net/', 'networking'],
  ['sound/', 'sound'],
  ['security/', 'security'],
  ['crypto/', 'crypto'],
  ['lib/', 'core library'],
  ['init/', 'init'],
  ['ipc/', 'IPC'],
  ['virt/kvm/', 'KVM'],
  ['include/net/', 'networking'],
  ['include/linux/fs.h', 'VFS and filesystems'],
  ['include/', 'kernel headers'],
  ['tools/', 'tools'],
  ['scripts/', 'build scripts'],
  ['Documentation/', 'documentation'],
];

export function subsystemOf(file: string): string | null {
  let best: [string, string] | null = null;
  for (const entry of TABLE) {
    if (file.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

/** The subsystem most of the files belong to (ties: the first file's). */
export function subsystemOfFiles(files: string[]): string | null {
  const counts = new Map<string, number>();
  for (const f of files) {
    const s = subsystemOf(f);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [s, n] of counts) if (best === null || n > counts.get(best)!) best = s;
  return best;
}
