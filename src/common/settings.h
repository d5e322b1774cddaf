/*
 * settings.h - the library's settings under the reserved prefix "estate.",
 * registered by _PG_init (settings.c) when the library loads.
 */
#ifndef ESTATE_COMMON_SETTINGS_H
#define ESTATE_COMMON_SETTINGS_H

extern double estate_underused_rate;
extern double estate_target_non_clinical_share;
extern double estate_target_unoccupied_share;
extern char *estate_core_hours_setting;

#endif
