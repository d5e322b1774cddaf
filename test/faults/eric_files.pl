#!/usr/bin/perl
# test/faults/eric_files.pl - the two halves of test/faults/eric_files.sh,
# written apart from the loader (plain Perl, core modules only):
#
#   eric_files.pl mutate KIND SEED IN OUT   write IN mutated by KIND to OUT
#   eric_files.pl parse site|trust FILE     what a load of FILE must give:
#       "returns N total T" (T the sum of the checked column, NULL if none), or
#       "unreadable REASON" when this parse cannot read it (the loader must
#       then fail too).
#
# The checked column is the gross internal floor area of site files and the
# investment to reduce backlog of trust files, by their published headers.
use strict;
use warnings;
use Encode qw(decode encode FB_CROAK);
use Math::BigFloat;

my $mode = shift // die "usage: eric_files.pl mutate|parse ...\n";

sub slurp { my ($f) = @_; open(my $h, '<:raw', $f) or die "$f: $!\n"; local $/; my $s = <$h>; $s }
sub spew { my ($f, $s) = @_; open(my $h, '>:raw', $f) or die "$f: $!\n"; print $h $s; close $h }

# Records as the file holds them: lines joined while a quoted field spans them.
sub records {
	my @recs;
	my $cur;
	for my $line (split /\n/, $_[0], -1) {
		$cur = defined $cur ? "$cur\n$line" : $line;
		next if (($cur =~ tr/"//) % 2);
		push @recs, $cur;
		undef $cur;
	}
	push @recs, $cur if defined $cur;
	pop @recs if @recs && $recs[-1] eq '';
	return @recs;
}

# RFC 4180 fields of one record; undef when the quoting is malformed.
sub fields {
	my ($r) = @_;
	my @f;
	my $pos = 0;
	my $len = length $r;
	while (1) {
		if (substr($r, $pos, 1) eq '"') {
			my $v = '';
			$pos++;
			while (1) {
				my $q = index($r, '"', $pos);
				return undef if $q < 0;
				$v .= substr($r, $pos, $q - $pos);
				if (substr($r, $q + 1, 1) eq '"') { $v .= '"'; $pos = $q + 2; next }
				$pos = $q + 1;
				last;
			}
			push @f, $v;
			return \@f if $pos >= $len;
			return undef if substr($r, $pos, 1) ne ',';
			$pos++;
		} else {
			my $c = index($r, ',', $pos);
			my $v = substr($r, $pos, ($c < 0 ? $len : $c) - $pos);
			return undef if $v =~ /"/;
			push @f, $v;
			return \@f if $c < 0;
			$pos = $c + 1;
		}
	}
}

sub csv_line { join ',', map { /[",\n]/ ? '"' . s/"/""/gr . '"' : $_ } @{ $_[0] } }

if ($mode eq 'mutate') {
	my ($kind, $seed, $in, $out) = @ARGV;
	srand($seed);
	my $s = slurp($in);
	my $pos = int(rand(length $s));
	# Records are cut at LF; CRLF files get their CR back when written.
	my $crlf = $s =~ /\r\n/;
	my @recs = records($s =~ s/\r\n/\n/gr);
	my $lines = sub { my $t = join '', map { "$_\n" } @_; $crlf ? $t =~ s/\n/\r\n/gr : $t };
	# The header row: the first record with a code column.
	my ($h) = grep { $recs[$_] =~ /(^|,)(Site Code|Organisation Code|Trust Code)(,|$)/ } 0 .. $#recs;
	$h //= 0;
	my $data = sub { $h + 1 + int(rand(@recs - $h - 1 || 1)) };
	if ($kind eq 'byte_flip') {
		substr($s, $pos, 1) = chr(ord(substr($s, $pos, 1)) ^ (1 << int(rand(8))));
	} elsif ($kind eq 'byte_set') {
		substr($s, $pos, 1) = chr(int(rand(256)));
	} elsif ($kind eq 'truncate') {
		$s = substr($s, 0, $pos);
	} elsif ($kind eq 'quote') {
		substr($s, $pos, 0) = '"';
	} elsif ($kind eq 'comma') {
		substr($s, $pos, 0) = ',';
	} elsif ($kind eq 'to_win1252') {
		$s = encode('cp1252', decode('UTF-8', $s));
	} elsif ($kind eq 'to_utf8_bom') {
		$s = "\xEF\xBB\xBF$s";
	} elsif ($kind eq 'to_utf16') {
		$s = "\xFF\xFE" . encode('UTF-16LE', decode('UTF-8', $s));
	} elsif ($kind eq 'line_ends') {
		$s = $crlf ? $s =~ s/\r\n/\n/gr : $s =~ s/\n/\r\n/gr;
	} elsif ($kind eq 'control') {
		substr($s, $pos, 0) = ("\0", "\x01", "\x02", "\r", "\t", "\x1B")[int(rand(6))];
	} elsif ($kind eq 'shuffle_columns' or $kind eq 'drop_column') {
		my $n = scalar @{ fields($recs[$h]) // [] };
		my @order = 0 .. $n - 1;
		if ($kind eq 'drop_column') {
			splice @order, int(rand($n)), 1;
		} else {
			for (my $i = $#order; $i > 0; $i--) { my $j = int(rand($i + 1)); @order[$i, $j] = @order[$j, $i] }
		}
		$s = $lines->(map { my $f = fields($_); $f ? csv_line([map { $f->[$_] // '' } @order]) : $_ } @recs);
	} elsif ($kind eq 'repeat_header') {
		my @extra = ($h > 0 && rand() < 0.5) ? @recs[$h - 1, $h] : ($recs[$h]);
		splice @recs, $data->(), 0, @extra for 1 .. 1 + int(rand(3));
		$s = $lines->(@recs);
	} elsif ($kind eq 'long_field') {
		my $r = $data->();
		my $f = fields($recs[$r]);
		# Not in a code column: a long code is a known fault that
		# eric_files.sh checks on its own (as a TODO).
		my $hf = fields($recs[$h]) // [];
		my @cols = grep { ($hf->[$_] // '') !~ /^\s*(Site Code|Organisation Code|Trust Code)\s*$/ } 0 .. $#$f;
		if ($f && @cols) {
			my @alphabet = rand() < 0.5 ? ('A' .. 'Z', ' ') : (0 .. 9);
			$f->[$cols[rand @cols]] = join '', map { $alphabet[rand @alphabet] } 1 .. 1000 + int(rand(200000));
			$recs[$r] = csv_line($f);
		}
		$s = $lines->(@recs);
	} else {
		die "unknown mutation $kind\n";
	}
	spew($out, $s);
	exit 0;
}

die "usage: eric_files.pl parse site|trust FILE\n" unless $mode eq 'parse' && @ARGV == 2;
my ($kind, $file) = @ARGV;
sub unreadable { print "unreadable $_[0]\n"; exit 0 }
my $bytes = slurp($file);
unreadable('UTF-16') if $bytes =~ /^(\xFF\xFE|\xFE\xFF)/;
# UTF-8 (a byte-order mark, or valid), else Windows-1252.
my $text;
$bytes =~ s/^\xEF\xBB\xBF//;
$text = eval { decode('UTF-8', $bytes, FB_CROAK) };
$text //= eval { decode('cp1252', $bytes, FB_CROAK) } // unreadable('undecodable bytes');
$text =~ s/\r$//mg;
# Header text compared in lower case, punctuation folded, as Â£ repaired.
sub key {
	my $k = $_[0] // '';
	$k =~ s/\x{C2}([\x{A0}-\x{BF}])/$1/g;
	$k = lc $k;
	$k =~ s/\x{A3}/ gbp /g;
	$k =~ s/\x{B2}/2/g;
	$k =~ s/[^a-z0-9]+/ /g;
	$k =~ s/^ | $//g;
	return $k;
}
my @recs;
for (records($text)) { push @recs, fields($_) // unreadable('malformed CSV quoting') }
$recs[0][0] =~ s/^\x{FEFF}// if @recs;
my %code = (site => ['site code'], trust => ['organisation code', 'trust code']);
my %checked = (site => ['gross internal floor area m2', 'gross internal site floor area m2'],
               trust => ['investment to reduce backlog maintenance gbp']);
my ($h) = grep { my $r = $recs[$_]; grep { my $k = key($_); grep { $_ eq $k } @{ $code{$kind} } } @$r } 0 .. ($#recs < 19 ? $#recs : 19);
unreadable('no header row') unless defined $h;
my @keys = map { key($_) } @{ $recs[$h] };
my ($ncol) = grep { $recs[$h][$_] =~ /\S/ } reverse 0 .. $#keys;
my %col;
for my $i (0 .. $ncol) {
	for my $want ('trust code', 'organisation code', 'site code', @{ $checked{$kind} }) {
		push @{ $col{$want} }, $i if $keys[$i] eq $want;
	}
}
my ($tc) = (@{ $col{'trust code'} // [] }, @{ $col{'organisation code'} // [] });
my ($sc) = @{ $col{'site code'} // [] };
my @total_cols = map { @{ $col{$_} // [] } } @{ $checked{$kind} };
unreadable('no trust code column') unless defined $tc;
unreadable('checked column twice') if @total_cols > 1;
# Rows compared with the section row over the first $ncol + 1 fields each has.
my $prefix = sub { join "\x01", grep { defined } @{ $_[0] }[0 .. $ncol] };
my $above = $h > 0 ? $prefix->($recs[$h - 1]) : undef;
my ($returns, $total) = (0, undef);
for my $r (@recs[$h + 1 .. $#recs]) {
	my @f = @$r;
	next if join('', @f) !~ /\S/;                                                        # blank
	next if defined $above && $prefix->(\@f) eq $above;                                   # section row again
	next if key($f[$tc]) eq $keys[$tc] && join("\x01", map { key($_) } @f[0 .. $ncol]) eq join("\x01", @keys[0 .. $ncol]);
	next if grep { defined && /^\s*grand\s+total\s*$/i } @f[0 .. 2];
	next if ($f[$tc] // '') =~ /\sresult\s*$/i && ($kind eq 'trust' || ($f[$sc] // '') !~ /\S/);
	$returns++;
	next unless @total_cols;
	my $v = $f[$total_cols[0]] // '';
	$v =~ s/^\s+|\s+$//g;
	next if $v =~ /^(|-|n\/a|not applicable|no data provided)$/i;
	$v =~ s/[,\x{A3}]//g;
	unreadable("not a number: $v") unless $v =~ /^-?(\d+\.?\d*|\.\d+)$/;
	$total = ($total // Math::BigFloat->new(0)) + Math::BigFloat->new($v);
}
print "returns $returns total ", (defined $total ? $total->bstr : 'NULL'), "\n";
