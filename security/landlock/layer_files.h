/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Content of the files of a securityfs layer directory
 */

#ifndef _SECURITY_LANDLOCK_LAYER_FILES_H
#define _SECURITY_LANDLOCK_LAYER_FILES_H

#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/seq_file.h>
#include <linux/types.h>

struct landlock_hierarchy;

/**
 * struct landlock_layer_reader - Who reads a layer file
 */
struct landlock_layer_reader {
	/** @cred: Credentials of the opener of the file. */
	const struct cred *cred;
	/** @pid_ns: PID namespace of the opener, for PIDs. */
	struct pid_namespace *pid_ns;
	/**
	 * @sees_parent: The opener could see the layer's parent when it
	 * opened the file: decided then, with the LSM ptrace hooks, which only
	 * the opening task can be asked about.
	 */
	bool sees_parent;
};

/**
 * struct landlock_layer_file - One file of a domains/<id>/ directory
 */
struct landlock_layer_file {
	/** @name: File name. */
	const char *name;
	/**
	 * @show: Prints the whole content, for @reader who may see @layer;
	 * returns 0 or -errno.
	 */
	int (*show)(struct seq_file *const m,
		    const struct landlock_layer_reader *const reader,
		    struct landlock_hierarchy *const layer);
};

#define LANDLOCK_NUM_LAYER_FILES 12

extern const struct landlock_layer_file
	landlock_layer_files[LANDLOCK_NUM_LAYER_FILES];

void landlock_seq_names(struct seq_file *const m,
			const char *const *const names, const size_t num_names,
			const unsigned long mask, const char sep);

#endif /* _SECURITY_LANDLOCK_LAYER_FILES_H */
