# SPDX-License-Identifier: GPL-2.0
# Landlock domain introspection: an overlay on Debian's linux-source-6.12.
#
#   make run      build the patched kernel, boot it in QEMU, show the demo
#   make check    every test (style, round trip, KUnit, kselftests)
#
# DEBUG=1 selects the debug kernel (KASAN, lockdep, kmemleak...).
# T=fs_test,base_test restricts the guest to these kselftest binaries.

VARIANT := $(if $(filter 1 y yes,$(DEBUG)),debug,test)
FORCE_FLAG := $(if $(filter 1 y yes,$(FORCE)),--force)

.PHONY: all run check deps tree export kernel user initramfs guest-test \
	style roundtrip bench clean distclean

all: run

deps:
	@dev/deps.sh

tree: deps
	@dev/tree.sh $(FORCE_FLAG)

export:
	@dev/export.sh

kernel: tree
	@dev/build-kernel.sh $(VARIANT)

user: kernel
	@dev/build-user.sh $(VARIANT)

initramfs: user
	@dev/initramfs.sh $(VARIANT)

run: initramfs
	@dev/boot.sh $(VARIANT) demo

check:
	@dev/check.sh $(VARIANT) $(T)

# The quick loop: rebuild what changed and rerun the guest tests only.
guest-test: initramfs
	@dev/boot.sh $(VARIANT) test $(if $(T),lltests=$(T)); \
	dev/report.py --console build/$(VARIANT)-console.log \
		--results build/$(VARIANT)-results.log \
		--expect "$(or $(T),$$(cd build/user-$(VARIANT)/landlock && ls *_test | paste -sd,))"

# Speed of the patched kernel relative to the unpatched base, same session.
bench: tree
	@dev/bench.sh

style: tree
	@dev/style.sh

roundtrip: tree
	@dev/roundtrip.sh

clean:
	rm -rf build/obj-* build/user-* build/initramfs-* build/*.log

distclean:
	rm -rf build
