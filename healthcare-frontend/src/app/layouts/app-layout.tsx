import { Suspense, useEffect, useState } from 'react';
import { Link as RouterLink, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import AppBar from '@mui/material/AppBar';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import MenuIcon from '@mui/icons-material/Menu';
import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import { LoadingState } from '../../components/page-states';
import { VisuallyHidden } from '../../components/visually-hidden';
import { useGetSettingsQuery } from '../../lib/api';
import { useCurrentUser, useLogout } from '../../lib/session';
import { navItemsFor, type NavItem } from './nav-items';

const ROLE_LABEL = { patient: 'Patient', doctor: 'Doctor', admin: 'Administrator', front_desk: 'Front desk' } as const;

function Brand({ name }: { name: string }) {
  return (
    <Box
      component={RouterLink}
      to="/"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'primary.dark', textDecoration: 'none', mr: 3, minWidth: 0 }}
    >
      <LocalHospitalIcon sx={{ color: 'primary.main' }} aria-hidden />
      <Typography component="span" sx={{ fontWeight: 800, fontSize: '1.1rem', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {name}
      </Typography>
    </Box>
  );
}

function DesktopNavLink({ item }: { item: NavItem }) {
  const sx = {
    color: 'text.secondary',
    px: 1.5,
    '&.active': { color: 'primary.dark', bgcolor: 'rgba(11,110,121,0.08)' },
  };
  return item.external ? (
    <Button href={item.to} sx={sx}>
      {item.label}
    </Button>
  ) : (
    <Button component={NavLink} to={item.to} end={item.end} sx={sx}>
      {item.label}
    </Button>
  );
}

export function AppLayout() {
  const { data: settings } = useGetSettingsQuery();
  const { me, authenticated } = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const clinicName = settings?.clinic_name || 'Clinic';
  const items = navItemsFor(me?.role);
  const onRegister = location.pathname === '/register';

  // Close the mobile drawer on navigation.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  async function handleLogout() {
    setMenuAnchor(null);
    setDrawerOpen(false);
    await logout();
    navigate('/', { replace: true });
  }

  const name = me ? `${me.first_name} ${me.last_name}`.trim() || me.username : '';

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Box
        component="a"
        href="#main"
        sx={{
          position: 'absolute',
          left: -9999,
          '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1, borderRadius: 1 },
        }}
      >
        Skip to main content
      </Box>
      <AppBar position="sticky">
        <Container maxWidth="lg">
          <Toolbar disableGutters sx={{ gap: 1 }}>
            <IconButton
              edge="start"
              aria-label="Open navigation menu"
              onClick={() => setDrawerOpen(true)}
              sx={{ display: { md: 'none' } }}
            >
              <MenuIcon />
            </IconButton>
            <Brand name={clinicName} />
            <Box component="nav" aria-label="Main" sx={{ display: { xs: 'none', md: 'flex' }, gap: 0.5, flex: 1 }}>
              {items.map((item) => (
                <DesktopNavLink key={item.to} item={item} />
              ))}
            </Box>
            <Box sx={{ flex: { xs: 1, md: 0 } }} />
            {me ? (
              <>
                <Button
                  onClick={(e) => setMenuAnchor(e.currentTarget)}
                  aria-haspopup="menu"
                  aria-controls={menuAnchor ? 'account-menu' : undefined}
                  aria-expanded={menuAnchor ? 'true' : undefined}
                  sx={{ color: 'text.primary', gap: 1, minWidth: 0 }}
                >
                  <Avatar sx={{ width: 32, height: 32, bgcolor: 'secondary.main', fontSize: 14 }} aria-hidden>
                    {(me.first_name[0] ?? me.username[0] ?? '?').toUpperCase()}
                  </Avatar>
                  <VisuallyHidden>Account menu for </VisuallyHidden>
                  <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' }, maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    {name}
                  </Box>
                  <Box component="span" sx={{ display: { xs: 'inline', sm: 'none' } }}>
                    <VisuallyHidden>{name}</VisuallyHidden>
                  </Box>
                </Button>
                <Menu id="account-menu" anchorEl={menuAnchor} open={Boolean(menuAnchor)} onClose={() => setMenuAnchor(null)}>
                  <MenuItem disabled sx={{ opacity: '1 !important' }}>
                    <Typography variant="body2" color="text.secondary">
                      Signed in as {me.username} · {ROLE_LABEL[me.role]}
                    </Typography>
                  </MenuItem>
                  <Divider />
                  <MenuItem component={RouterLink} to="/profile" onClick={() => setMenuAnchor(null)}>
                    Profile
                  </MenuItem>
                  <MenuItem component={RouterLink} to="/security" onClick={() => setMenuAnchor(null)}>
                    Two-factor authentication
                  </MenuItem>
                  <MenuItem onClick={() => void handleLogout()}>Log out</MenuItem>
                </Menu>
              </>
            ) : (
              !authenticated && (
                // Phones have room for one button: the other page than the one on screen.
                <Box sx={{ display: 'flex', gap: 1 }}>
                  <Button
                    component={RouterLink}
                    to="/login"
                    sx={{ display: { xs: onRegister ? 'inline-flex' : 'none', sm: 'inline-flex' } }}
                  >
                    Log in
                  </Button>
                  <Button
                    component={RouterLink}
                    to="/register"
                    variant="contained"
                    sx={{ display: { xs: onRegister ? 'none' : 'inline-flex', sm: 'inline-flex' } }}
                  >
                    Register
                  </Button>
                </Box>
              )
            )}
          </Toolbar>
        </Container>
      </AppBar>

      <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)}>
        <Box sx={{ width: 280 }} role="presentation">
          <Box sx={{ p: 2 }}>
            <Brand name={clinicName} />
          </Box>
          <Divider />
          <List component="nav" aria-label="Main">
            {items.map((item) =>
              item.external ? (
                <ListItemButton key={item.to} component="a" href={item.to}>
                  <ListItemText primary={item.label} />
                </ListItemButton>
              ) : (
                <ListItemButton
                  key={item.to}
                  component={NavLink}
                  to={item.to}
                  end={item.end}
                  sx={{ '&.active': { bgcolor: 'rgba(11,110,121,0.08)', color: 'primary.dark' } }}
                >
                  <ListItemText primary={item.label} />
                </ListItemButton>
              ),
            )}
          </List>
          <Divider />
          <List aria-label="Account">
            {me ? (
              <>
                <ListItemButton component={RouterLink} to="/profile">
                  <ListItemText primary="Profile" secondary={`${me.username} · ${ROLE_LABEL[me.role]}`} />
                </ListItemButton>
                <ListItemButton component={RouterLink} to="/security">
                  <ListItemText primary="Two-factor authentication" />
                </ListItemButton>
                <ListItemButton onClick={() => void handleLogout()}>
                  <ListItemText primary="Log out" />
                </ListItemButton>
              </>
            ) : (
              <>
                <ListItemButton component={RouterLink} to="/login">
                  <ListItemText primary="Log in" />
                </ListItemButton>
                <ListItemButton component={RouterLink} to="/register">
                  <ListItemText primary="Register" />
                </ListItemButton>
              </>
            )}
          </List>
        </Box>
      </Drawer>

      <Container component="main" id="main" tabIndex={-1} maxWidth="lg" sx={{ flex: 1, py: { xs: 2, sm: 4 }, outline: 'none' }}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </Container>
      <Box component="footer" sx={{ py: 3, borderTop: '1px solid', borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Container maxWidth="lg">
          <Typography variant="body2" color="text.secondary">
            {clinicName} · Online appointments
          </Typography>
        </Container>
      </Box>
    </Box>
  );
}
