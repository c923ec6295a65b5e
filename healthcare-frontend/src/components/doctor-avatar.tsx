import Avatar from '@mui/material/Avatar';

function initials(name: string): string {
  const words = name.replace(/^(dr\.?\s+)/i, '').split(/\s+/).filter(Boolean);
  return (words[0]?.[0] ?? '') + (words.length > 1 ? (words[words.length - 1][0] ?? '') : '');
}

export function DoctorAvatar({ name, size = 56 }: { name: string; size?: number }) {
  return (
    <Avatar aria-hidden sx={{ width: size, height: size, bgcolor: 'primary.light', color: '#fff', fontWeight: 700, fontSize: size / 2.6 }}>
      {initials(name).toUpperCase()}
    </Avatar>
  );
}
