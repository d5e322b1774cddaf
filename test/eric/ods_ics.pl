#!/usr/bin/env perl
# ods_ics.pl - the ICS of a trust's return, computed from the ODS files
# without the extension, to check estate.load_ics_mapping and the views
# against (test/eric/loader.sh).
#
#   ods_ics.pl FOOTPRINT-YYYYMMDD ETR.csv SUCC.csv [ECT.csv] < "year trust" lines
#
# Prints "year trust ICB" for each input line ("-" where none).  The rule, as
# docs/eric.md states it: follow succ.csv (successions effective on or before
# the footprint date) from the trust to its last successor, at a split taking
# the successor in the same ICB (for a code without one, a successor that has
# one), else the lowest code; the ICB is the last organisation's, else the
# trust's own.  A return for year Y counts where the organisation responsible
# on 31 March Y+1 does: the trust from its open date, and after its close its
# successor (a trust without a successor stops counting at its close).
use strict;
use warnings;

my ($footprint, $etr, $succ, @more) = @ARGV;
my (%icb, %open, %close, %next);
for my $file ($etr, @more) {
	open my $fh, '<', $file or die "$file: $!";
	while (<$fh>) {
		s/\r?\n$//;
		my @f = map { s/^"|"$//gr } split /","/, $_, -1;
		my $code = $f[0] =~ s/^"//r;
		next if exists $icb{$code} && $close{$code} eq '' ;    # an open row wins
		($icb{$code}, $open{$code}, $close{$code}) = ($f[3], $f[10], $f[11]);
	}
}
open my $fh, '<', $succ or die "$succ: $!";
while (<$fh>) {
	s/\r?\n$//;
	my ($old, $new, undef, $date) = map { s/^"|"$//gr } split /,/;
	push @{ $next{$old} }, $new if $date le $footprint;
}

sub icb { my $c = shift; defined $icb{$c} && $icb{$c} ne '' ? $icb{$c} : undef }

sub last_holder {
	my $code = shift;
	my %seen = ($code => 1);
	my $holder = $code;
	for (1 .. 50) {
		my @cands = sort @{ $next{$holder} || [] } or last;
		my $here = icb($holder);
		my ($pick) = grep { defined $here ? (defined icb($_) && icb($_) eq $here) : defined icb($_) } @cands;
		$pick //= $cands[0];
		last if $seen{$pick}++;
		$holder = $pick;
	}
	return $holder;
}

while (<STDIN>) {
	chomp;
	my ($year, $trust) = split ' ';
	my $day = sprintf '%04d0331', $year + 1;
	my $holder = last_holder($trust);
	my $ics = icb($holder) // icb($trust);
	if (defined $ics && exists $open{$trust}) {
		undef $ics if $open{$trust} ne '' && $open{$trust} gt $day;
		undef $ics if $holder eq $trust && $close{$trust} ne '' && $close{$trust} lt $day;
	}
	print "$year $trust ", $ics // '-', "\n";
}
