// SPDX-License-Identifier: GPL-2.0
/*
 * The program that the execve(2) benchmark runs: built with the kernel's
 * nolibc, it is a few kilobytes and does nothing but exit, so that the cost
 * measured is the kernel's.
 */
int main(void)
{
	return 0;
}
