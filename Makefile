# SPDX-License-Identifier: GPL-2.0
# Landlock domain introspection: an overlay on Debian's linux-source-6.12.
#
#   make run      build the patched kernel, boot it in QEMU, show the demo
#   make check    every test: style, clang-format, round trip, the watchdog
#                 test, then, on the test kernel and on the debug kernel
#                 (KASAN, lockdep, kmemleak...): the W=1/sparse build,
#                 KUnit, every Landlock kselftest and the kernel log scan
#
# DEBUG=1 selects the debug kernel (for run, guest-test; check: debug only).
# SKIP_DEBUG=1 makes check skip the debug kernel (a quicker loop).
# T=fs_test,base_test restricts the guests to these kselftest binaries.
# KVM=1 tries KVM (after a probe boot) instead of software emulation.
#
# Every stage writes TAP into build/results/<kernel>/<stage>.tap through
# dev/stage.sh (or dev/guest-tap.py for what a guest printed); dev/report.py
# only counts those files.

VARIANT := $(if $(filter 1 y yes,$(DEBUG)),debug,test)
KERNELS := $(if $(filter 1 y yes,$(DEBUG)),debug,test $(if $(filter 1 y yes,$(SKIP_DEBUG)),,debug))
FORCE_FLAG := $(if $(filter 1 y yes,$(FORCE)),--force)
STAGE := dev/stage.sh
SUBMAKE := $(MAKE) --no-print-directory

.PHONY: all run check deps tree export kernel user initramfs guest-results \
	guest-test warnings host-checks style roundtrip bench coverage clean \
	distclean

all: run

deps:
	@$(STAGE) host deps dev/deps.sh

tree: deps
	@$(STAGE) host tree dev/tree.sh $(FORCE_FLAG)

export:
	@dev/export.sh

kernel: tree
	@$(STAGE) $(VARIANT) build-kernel dev/build-kernel.sh $(VARIANT)

user: kernel
	@$(STAGE) $(VARIANT) build-user dev/build-user.sh $(VARIANT)

initramfs: user
	@$(STAGE) $(VARIANT) initramfs dev/initramfs.sh $(VARIANT)

run: initramfs
	@dev/boot.sh $(VARIANT) demo

# Boots the test guest; its logs become TAP in build/results/$(VARIANT)/.
guest-results: initramfs
	@dev/guest-results.sh $(VARIANT) $(T)

# Landlock rebuilt with W=1 and sparse, in a folder of its own.
warnings: kernel
	@$(STAGE) $(VARIANT) warnings dev/warnings.sh $(VARIANT)

# The stages that do not need a kernel; each one runs even if another fails.
host-checks: tree
	-@$(STAGE) host style dev/style.sh
	-@$(STAGE) host clang-format dev/clang-format.sh
	-@$(STAGE) host roundtrip dev/roundtrip.sh
	-@$(STAGE) host watchdog dev/test-watchdog.sh
	-@$(STAGE) host landlockctl tools/landlock/tests/run.sh

# The quick loop: rebuild what changed and rerun the guest tests only.
guest-test:
	@rm -rf build/results/$(VARIANT)
	-@$(SUBMAKE) guest-results
	@dev/report.py --kernels $(VARIANT)

check:
	@rm -rf build/results && mkdir -p build/results && date +%s >build/results/start
	-@$(SUBMAKE) host-checks
	-@for k in $(KERNELS); do $(SUBMAKE) -k guest-results warnings VARIANT=$$k; done
	@dev/report.py --host --kernels "$(KERNELS)" \
		--require "$(patsubst %,%/warnings,$(KERNELS))"

# Cost of the patched kernel against the unpatched base, in guest
# instructions (QEMU -icount); not part of check. See dev/bench.sh.
bench: tree
	@dev/bench.sh

# Line coverage of the new kernel files under the guest tests (gcov).
coverage: tree
	@dev/coverage.sh

style: tree
	@$(STAGE) host style dev/style.sh

roundtrip: tree
	@$(STAGE) host roundtrip dev/roundtrip.sh

clean:
	rm -rf build/obj-* build/user-* build/initramfs-* build/*.log build/results

distclean:
	rm -rf build
